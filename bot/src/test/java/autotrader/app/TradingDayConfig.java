package autotrader.app;

import autotrader.testing.TestRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sim config in a temp folder that trades with the committed models, the repo's rules and paper auto-approve. */
public final class TradingDayConfig {

    private TradingDayConfig() {
    }

    /** The sim config of {@link TestConfigs#sim} plus the rules folder; scans only (no models named). */
    public static Path scanning(Path dir) throws IOException {
        Path cfg = TestConfigs.sim(dir, 60);
        Files.createDirectories(dir.resolve("rules"));
        try (var files = Files.list(Path.of("..", "rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(f, dir.resolve("rules").resolve(f.getFileName()));
        }
        return cfg;
    }

    /**
     * {@link #scanning} plus the committed models; the copied filter's confidence floor is lowered from
     * 0.70 to 0.40 and its skill gate switched off (the committed SIMULATED model has no out-of-sample
     * record), trader's edits on the simulator, so a 60-symbol simulated cycle makes intents often enough
     * to exercise the order path.
     */
    public static Path withModels(Path dir) throws IOException {
        return withModels(dir, "0.40");
    }

    /** {@link #withModels} with the copied filter's confidence floor at {@code floor} (e.g. "0.00": every BUY passes it). */
    public static Path withModels(Path dir, String floor) throws IOException {
        Path cfg = scanning(dir);
        Path filter = dir.resolve("rules/filter.drl");
        String rules = Files.readString(filter);
        String line = "function double MIN_CONFIDENCE()            { return 0.70; }";
        if (!rules.contains(line)) throw new IllegalStateException("rules/filter.drl no longer has " + line);
        Files.writeString(filter, rules.replace(line, line.replace("0.70", floor)));
        TestRules.switchOffSkillGate(dir.resolve("rules"));
        Path models = Path.of("..", "models").toAbsolutePath().normalize();
        Files.writeString(cfg, Files.readString(cfg) + """
                ensemble:
                  model_dir: %s/ensemble
                predict:
                  models_dir: %s/predictors
                """.formatted(models, models));
        return cfg;
    }

    /** {@link #withModels} plus paper auto-approve and a cycle every 10 minutes: the whole loop trades, unattended. */
    static Path write(Path dir) throws IOException {
        return write(dir, "0.40");
    }

    static Path write(Path dir, String floor) throws IOException {
        Path cfg = withModels(dir, floor);
        Files.writeString(cfg, Files.readString(cfg) + """
                approvals:
                  paper_auto_approve: true
                schedule:
                  scan_cron: "0 */10 9-15 ? * MON-FRI"    # half the default's cycles: the test day takes half as long
                """);
        return cfg;
    }
}
