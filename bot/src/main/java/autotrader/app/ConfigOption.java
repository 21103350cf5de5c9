package autotrader.app;

import autotrader.config.ConfigLoader;
import autotrader.config.LoadedConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --config option every command takes. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config.yaml",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    public LoadedConfig load() {
        return ConfigLoader.loadFromSystem(file);
    }
}
