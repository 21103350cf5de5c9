package autotrader.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small config files in a temp folder, pointing at the committed strategy. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** A sim market of {@code symbols} stocks and a state database in {@code dir}; a daemon's desk listens on any free port. */
    public static Path sim(Path dir, int symbols) throws IOException {
        Files.createDirectories(dir.resolve("strategies"));
        Files.copy(Path.of("..", "strategies", "momentum.yaml"), dir.resolve("strategies/momentum.yaml"));
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, """
                market:
                  source: sim
                  sim:
                    seed: 7
                    symbols: %d
                state:
                  db: state/test.db
                web:
                  port: 0
                """.formatted(symbols));
        return cfg;
    }
}
