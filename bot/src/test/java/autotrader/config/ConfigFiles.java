package autotrader.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A config.yaml (and the strategy file it needs) written into a test's temp folder. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), "name: momentum\n");
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
