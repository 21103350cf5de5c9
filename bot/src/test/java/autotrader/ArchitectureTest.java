package autotrader;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture rule of docs/architecture.md, checked on the sources: no package imports one that
 * stands after it in the flow, except through a port (an interface). The flow below is the one the
 * document lists; a new package must be placed in it, and every package says its role in a
 * package-info.java.
 */
class ArchitectureTest {

    /** Upstream first: a package may import those before it, and only interfaces of those after it. */
    static final List<String> FLOW = List.of(
            "alerts", "charts", "progress",
            "market", "market.csv", "market.sim", "market.store", "schedule", "config",
            "scan", "features", "predict", "risk", "ensemble", "pipeline", "retrain", "rules",
            "store", "orders", "orders.paper", "approvals", "trading", "view", "backtest",
            "schwab", "schwab.market", "schwab.stream", "universe", "telegram", "web", "app");

    static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+autotrader\\.([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?autotrader\\.([\\w.]+)\\s*;", Pattern.MULTILINE);

    record Source(String pkg, String type, String text) {
    }

    static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("autotrader"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher m = PACKAGE.matcher(text);
                if (!m.find()) continue;
                out.add(new Source(m.group(1), f.getFileName().toString().replace(".java", ""), text));
            }
        }
        return out;
    }

    /** {@code a.b.C.D} (a type, maybe nested, or a static member) -> package {@code a.b} and top-level type {@code C}. */
    static String[] split(String imported) {
        String[] parts = imported.split("\\.");
        int i = 0;
        while (i < parts.length && !Character.isUpperCase(parts[i].charAt(0))) i++;
        return new String[]{String.join(".", List.of(parts).subList(0, i)), i < parts.length ? parts[i] : ""};
    }

    /** The imports in {@code all} against the flow; packages missing from it are reported in {@code unplaced}. */
    static List<String> violations(List<Source> all, Set<String> unplaced) {
        Map<String, Source> byType = new TreeMap<>();
        for (Source s : all) byType.put(s.pkg() + "." + s.type(), s);
        List<String> out = new ArrayList<>();
        for (Source s : all) {
            int from = FLOW.indexOf(s.pkg());
            if (from < 0) {
                unplaced.add(s.pkg());
                continue;
            }
            Matcher m = IMPORT.matcher(s.text());
            while (m.find()) {
                String[] target = split(m.group(1));
                int to = FLOW.indexOf(target[0]);
                if (to <= from) continue;
                Source imported = byType.get(target[0] + "." + target[1]);
                boolean port = imported != null && Pattern.compile("\\binterface\\s+" + target[1] + "\\b").matcher(imported.text()).find();
                if (!port) out.add(s.pkg() + "." + s.type() + " imports " + m.group(1) + " (" + target[0] + " stands after " + s.pkg() + ")");
            }
        }
        return out;
    }

    @Test
    void noPackageImportsOneThatStandsAfterItExceptThroughAPort() throws IOException {
        Set<String> unplaced = new TreeSet<>();
        List<String> violations = violations(sources(), unplaced);
        assertEquals(Set.of(), unplaced, "packages missing from the flow (place them in FLOW and in docs/architecture.md)");
        assertEquals(List.of(), violations, "imports against the flow");
    }

    @Test
    void everyPackageSaysItsRole() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Source s : sources()) {
            Path dir = MAIN.resolve("autotrader").resolve(s.pkg().replace('.', '/'));
            if (!Files.exists(dir.resolve("package-info.java"))) missing.add(s.pkg());
        }
        assertEquals(Set.of(), missing, "packages without a package-info.java");
    }

    @Test
    void theRuleCatchesAViolatingImportAndLetsAPortThrough() {
        Source broker = new Source("orders", "Broker", "package autotrader.orders;\npublic interface Broker {\n}\n");
        Source desk = new Source("web", "DeskServer", "package autotrader.web;\npublic final class DeskServer {\n}\n");
        Source trigger = new Source("web", "CycleTrigger", "package autotrader.web;\npublic interface CycleTrigger {\n}\n");
        Source market = new Source("market", "Bar", "package autotrader.market;\nimport autotrader.web.DeskServer;\nimport autotrader.web.CycleTrigger;\n"
                + "import autotrader.orders.Broker;\npublic record Bar() {\n}\n");
        Set<String> unplaced = new TreeSet<>();
        List<String> found = violations(List.of(broker, desk, trigger, market), unplaced);
        assertEquals(List.of("market.Bar imports web.DeskServer (web stands after market)"), found, "a class of a later package; its ports pass");
        assertTrue(unplaced.isEmpty());
        violations(List.of(new Source("newthing", "X", "package autotrader.newthing;\n")), unplaced);
        assertEquals(Set.of("newthing"), unplaced, "a package outside the flow is named");
    }
}
