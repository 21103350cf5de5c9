package autotrader.app;

import autotrader.config.ConfigLoader;
import autotrader.config.LoadedConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * STAND-IN: the brief names an existing autotrader.app.ConfigOption mixin, but this branch has no
 * autotrader.app package yet. This has the same shape ({@code @Mixin ConfigOption config;} then
 * {@code config.load()}); when merging, keep the real one and drop this file.
 */
public class ConfigOption {
    @Option(names = {"-c", "--config"}, defaultValue = "config.yaml", paramLabel = "FILE",
            description = "config file (default: ${DEFAULT-VALUE})")
    Path file;

    public LoadedConfig load() {
        return ConfigLoader.loadFromSystem(file);
    }
}
