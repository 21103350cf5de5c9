package autotrader.app;

import autotrader.config.LoadedConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The --strategy option of the commands that decide (run, cycle, scan, backtest, train ensemble). */
public final class StrategyOption {

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "Strategy strategies/NAME.yaml, or a path to a strategy file (default: config.yaml's `strategy`; shipped: momentum, swing).")
    String name;

    /** Points the loaded configuration at the chosen strategy file; a name that matches no file is refused with the ones there are. */
    public LoadedConfig applyTo(LoadedConfig loaded) {
        if (name == null) return loaded;
        String relative = name.endsWith(".yaml") || name.contains("/") ? name : "strategies/" + name + ".yaml";
        Path file = loaded.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--strategy " + name + ": " + file.normalize() + " does not exist" + available(loaded.resolve("strategies")));
        }
        loaded.config().strategy = relative;
        return loaded;
    }

    private static String available(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            String names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5))
                    .sorted().reduce((a, b) -> a + ", " + b).orElse("none");
            return " (strategies in " + folder.normalize() + ": " + names + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
