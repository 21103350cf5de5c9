package autotrader.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed rules/ for tests: as they are (the skill gate on, so a model without out-of-sample
 * skill makes no intent), or with the gate switched off, for tests that need intents and orders from
 * the committed SIMULATED model or a tiny trained one, neither of which has skill.
 */
public final class TestRules {

    private static final Pattern GATE_ON = Pattern.compile("(function\\s+boolean\\s+SKILL_GATE\\(\\)\\s*\\{\\s*return\\s+)true(\\s*;\\s*})");

    private TestRules() {
    }

    /** The committed rules/ at the repository root (tests run in bot/). */
    public static Path committed() {
        Path p = Path.of("..", "rules");
        if (!Files.isDirectory(p)) p = Path.of("rules");
        return p.toAbsolutePath().normalize();
    }

    /** Copies the committed .drl files into {@code target} (created when missing); returns it. */
    public static Path copy(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(committed())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** {@link #copy} with {@code SKILL_GATE()} returning false in the copied filter.drl, as a trader on the simulator might. */
    public static Path copyWithoutSkillGate(Path target) throws IOException {
        copy(target);
        switchOffSkillGate(target);
        return target;
    }

    /** Flips {@code SKILL_GATE()} to false in {@code rulesDir}/filter.drl; fails when the line is no longer there. */
    public static void switchOffSkillGate(Path rulesDir) throws IOException {
        Path filter = rulesDir.resolve("filter.drl");
        String text = Files.readString(filter);
        Matcher m = GATE_ON.matcher(text);
        if (!m.find()) throw new IllegalStateException(filter + " has no 'function boolean SKILL_GATE() { return true; }' to switch off");
        Files.writeString(filter, m.replaceFirst("$1false$2"));
    }
}
