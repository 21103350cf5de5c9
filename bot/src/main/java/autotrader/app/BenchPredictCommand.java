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

    @Option(names = "--threads", defaultValue = "1", description = "Timeframes predicted at once (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() {
        if (repeats < 1) throw new BadInputException("--repeats must be at least 1");
        if (threads < 1 || threads > 6) throw new BadInputException("--threads must be between 1 and 6");
        AppContext ctx = AppContext.from(config);
        Path dir = ctx.loaded().resolve(ctx.config().predict.modelsDir);
        PredictBench.Comparison c = PredictBench.compare(dir, repeats, threads);
        System.out.printf("bench predict (models in %s, %d thread(s); inputs are seeded random-walk feature rows; every forecast computed,"
                + " none reused; the two paths' runs interleaved):%n", dir, threads);
        System.out.printf("  DL4J's LSTM layers:   %s%n", c.dl4jLayers());
        System.out.printf("  sgemm per step:       %s%s%n", c.fastPath(), c.fastServes() ? "  <- serves" : "  (not used: it did not match DL4J's pass)");
        return 0;
    }
}
