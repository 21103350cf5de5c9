package autotrader.app;

import autotrader.ensemble.EnsembleBench;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.StackedEnsemble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bench ensemble}: inference of a saved ensemble, per base model, the SVM also through smile's reference path. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = "Time a saved ensemble's inference for 50 candidates: every base model, the meta-learner, "
                + "and the SVM once more through smile's row-by-row scoring, with the largest difference between the two.")
public final class BenchEnsembleCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--model", paramLabel = "DIR", description = "Ensemble folder (default: ensemble.model_dir).")
    Path model;

    @Option(names = "--repeats", defaultValue = "30", description = "Timed rounds after as many warm-up rounds (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws IOException {
        if (repeats < 1) throw new BadInputException("--repeats must be at least 1");
        Path dir = model;
        if (dir == null) {
            AppContext ctx = AppContext.from(config);
            dir = ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        }
        try (StackedEnsemble e = EnsembleStore.load(dir)) {
            EnsembleBench.SavedResult r = EnsembleBench.onSaved(e, repeats, 42);
            System.out.printf("bench ensemble (%s, %d columns, 50 seeded random rows, %d rounds after %d warm-up):%n", dir, r.columns(), repeats, repeats);
            System.out.printf("  whole ensemble   median %8.2f ms, p90 %8.2f ms%n", r.inferenceMedianMs(), r.inferenceP90Ms());
            for (Map.Entry<String, Double> m : r.perModelMedianMs().entrySet()) System.out.printf("  %-16s median %8.2f ms%n", m.getKey(), m.getValue());
            System.out.printf("  svm via smile    median %8.2f ms (the reference path); largest probability difference %.3g%n",
                    r.svmSmileMedianMs(), r.svmMaxDifference());
        }
        return 0;
    }
}
