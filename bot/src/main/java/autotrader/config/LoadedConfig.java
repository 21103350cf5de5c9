package autotrader.config;

import java.nio.file.Path;

/** A validated configuration plus the folder its relative paths are resolved against. */
public record LoadedConfig(Path file, Path baseDir, AppConfig config) {

    /** Resolves a path from the config (state.db, csv_dir, strategy, ...) against the config file's folder. */
    public Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    public boolean isPaper() {
        return config.mode == Mode.PAPER;
    }
}
