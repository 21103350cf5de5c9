package autotrader.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sim config in a temp folder that trades with the committed models, the repo's rules and paper auto-approve. */
final class TradingDayConfig {

    private TradingDayConfig() {
    }

    /** The sim config of {@link TestConfigs#sim} plus the rules folder; scans only (no models named). */
    static Path scanning(Path dir) throws IOException {
        Path cfg = TestConfigs.sim(dir, 60);
        Files.createDirectories(dir.resolve("rules"));
        try (var files = Files.list(Path.of("..", "rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(f, dir.resolve("rules").resolve(f.getFileName()));
        }
        return cfg;
    }

    /** {@link #scanning} plus the committed models and paper auto-approve: the whole loop trades. */
    static Path write(Path dir) throws IOException {
        Path cfg = scanning(dir);
        Path models = Path.of("..", "models").toAbsolutePath().normalize();
        Files.writeString(cfg, Files.readString(cfg) + """
                ensemble:
                  model_dir: %s/ensemble
                predict:
                  models_dir: %s/predictors
                approvals:
                  paper_auto_approve: true
                """.formatted(models, models));
        return cfg;
    }
}
