package autotrader.app;

import autotrader.predict.PredictBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench predict}: register in BenchCommand's subcommands. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Time predictor inference: 50 candidates x 6 timeframes with the models in predict.models_dir.")
public final class BenchPredictCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--repeats", defaultValue = "30", description = "Timed cycles after warm-up (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() {
        if (repeats < 1) throw new BadInputException("--repeats must be at least 1");
        AppContext ctx = AppContext.from(config);
        Path dir = ctx.loaded().resolve(ctx.config().predict.modelsDir);
        PredictBench.Result r = PredictBench.run(dir, repeats);
        System.out.printf("bench predict (models in %s; inputs are seeded random-walk feature rows):%n  %s%n", dir, r);
        return 0;
    }
}
