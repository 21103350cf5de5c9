package autotrader.app;

import autotrader.rules.RulesBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Times one 50-decision batch and a reload on a temporary copy of the rules folder. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time evaluating a batch of synthetic decisions and reloading the rules (on a temporary copy).")
public class RulesBenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "rules folder (default: rules/ beside the config file)")
    Path dir;

    @Option(names = "--repeats", defaultValue = "500", description = "timed evaluations (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--batch", defaultValue = "50", description = "decisions per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path rules = dir != null ? dir : config.load().resolve("rules");
        spec.commandLine().getOut().println(RulesBench.run(rules, repeats, batch));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
