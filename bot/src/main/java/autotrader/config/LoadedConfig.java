package autotrader.config;

import java.nio.file.Path;

import java.util.Set;
/**
 * A validated configuration plus the folder its relative paths are resolved against, and the dotted
 * keys the file itself sets ({@code explicitKeys}: a value there was chosen, anything else is a default).
 */
public record LoadedConfig(Path file, Path baseDir, AppConfig config, Set<String> explicitKeys) {

    public LoadedConfig(Path file, Path baseDir, AppConfig config) {
        this(file, baseDir, config, Set.of());
    }

    /** Whether config.yaml sets this dotted key itself. */
    public boolean sets(String key) {
        return explicitKeys.contains(key);
    }

    /** Resolves a path from the config (state.db, csv_dir, strategy, ...) against the config file's folder. */
    public Path resolve(String path) {
        return baseDir.resolve(path).normalize();
    }

    public boolean isPaper() {
        return config.mode == Mode.PAPER;
    }
}
