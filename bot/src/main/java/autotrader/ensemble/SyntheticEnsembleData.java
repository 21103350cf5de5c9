package autotrader.ensemble;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded dataset with a known, learnable signal, for tests and the benchmark. Column 0 is called
 * momentum_score (so the scanner baseline is exercised), the others f1..f{p-1}. The latent score is
 * 1.2 x0 - 0.8 x1 + 0.6 x2 x3 + noise; above +threshold is BUY, below -threshold SELL, else HOLD.
 * Decision times are one hour apart with {@code symbols} rows per time; each label ends
 * {@code horizonHours} later, so neighbouring rows' label windows overlap as real ones do. The realised
 * long return is 1% per unit of latent score above the BUY threshold, so it is positive exactly on BUY rows
 * and ranks as the latent score does.
 */
public final class SyntheticEnsembleData {

    public static final Instant START = Instant.parse("2024-01-02T15:00:00Z");

    private SyntheticEnsembleData() {
    }

    public static EnsembleDataset generate(int rows, int columns, int symbols, int horizonHours, double noise, long seed) {
        List<String> names = new ArrayList<>();
        names.add("momentum_score");
        for (int j = 1; j < columns; j++) names.add("f" + j);
        EnsembleDataset.Builder b = EnsembleDataset.builder(names);
        Random random = new Random(seed);
        for (int i = 0; i < rows; i++) {
            double[] x = new double[columns];
            for (int j = 0; j < columns; j++) x[j] = random.nextGaussian();
            double score = 1.2 * x[0] - 0.8 * x[1] + 0.6 * x[2] * x[3] + noise * random.nextGaussian();
            for (int j = 1; j < columns; j++) if (random.nextDouble() < 0.02) x[j] = Double.NaN; // missing inputs
            Decision label = score > 0.7 ? Decision.BUY : score < -0.7 ? Decision.SELL : Decision.HOLD;
            Instant t = START.plus(Duration.ofHours(i / symbols));
            b.add("S" + (i % symbols), t, t.plus(Duration.ofHours(horizonHours)), x, label, 0.01 * (score - 0.7));
        }
        return b.build();
    }
}
