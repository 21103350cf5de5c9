package autotrader.testing;

import autotrader.ensemble.Decision;
import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.pipeline.DecisionInputs;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A small ensemble trained on random rows with the cycle's exact column layout: for tests of the
 * plumbing around the decision model, whose quality is not what they check.
 */
public final class TinyEnsemble {

    private TinyEnsemble() {
    }

    public static EnsembleTrainer.Result train() {
        EnsembleDataset.Builder b = EnsembleDataset.builder(DecisionInputs.columns());
        SplittableRandom rnd = new SplittableRandom(1);
        Instant t = Instant.parse("2024-08-01T14:00:00Z");
        for (int i = 0; i < 240; i++) {
            double[] row = new double[DecisionInputs.columns().size()];
            for (int k = 0; k < row.length; k++) row[k] = rnd.nextGaussian();
            b.add("S" + (i % 7), t.plusSeconds(3600L * i), t.plusSeconds(3600L * i + 1800), row, Decision.values()[i % 3]);
        }
        return EnsembleTrainer.train(b.build(), EnsembleSettings.defaults().small().withFolds(2, 1), s -> { });
    }
}
