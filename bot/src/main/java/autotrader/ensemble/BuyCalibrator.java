package autotrader.ensemble;

import smile.classification.IsotonicRegressionScaling;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Maps the meta-learner's P(BUY) to the probability that the long trade ends profitable after costs
 * (label == BUY), by isotonic regression (pool-adjacent-violators: a non-decreasing step function,
 * smile's {@link IsotonicRegressionScaling}). Fitted on out-of-fold stacked probabilities, so it corrects
 * how the stacked model over- or under-states its BUYs on rows it did not see. Monotone, so it never
 * changes which candidate ranks above which (it can only tie neighbours).
 */
public final class BuyCalibrator implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FILE = "calibrator.ser";
    static final String DESCRIPTION = "isotonic regression of out-of-fold stacked P(BUY) against label == BUY";
    /** The same fit for a model trained on the relative label: the target is still the trade (RelativeLabel). */
    static final String DESCRIPTION_RELATIVE = "isotonic regression of out-of-fold stacked P(BUY) against the trade label == BUY "
            + "(the long trade beat min_edge after costs), not the relative label the model learned";

    private final IsotonicRegressionScaling isotonic;
    private final int rows;

    private BuyCalibrator(IsotonicRegressionScaling isotonic, int rows) {
        this.isotonic = isotonic;
        this.rows = rows;
    }

    /** {@code buyProbability[i]} is row i's stated P(BUY), {@code won[i]} whether its long trade won. */
    public static BuyCalibrator fit(double[] buyProbability, boolean[] won) {
        if (buyProbability.length != won.length) {
            throw new IllegalArgumentException("won has " + won.length + " rows, buyProbability has " + buyProbability.length);
        }
        if (buyProbability.length == 0) throw new IllegalArgumentException("buyProbability: no rows to calibrate on");
        int[] y = new int[won.length];
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(buyProbability[i])) throw new IllegalArgumentException("buyProbability[" + i + "] is not finite");
            y[i] = won[i] ? 1 : 0;
        }
        return new BuyCalibrator(IsotonicRegressionScaling.fit(buyProbability, y), y.length);
    }

    /**
     * The calibrated probability for a stated P(BUY); NaN stays NaN. An end block of the step function can
     * hold only losses (or only wins), which isotonic regression reports as 0 (or 1); no count of rows shows
     * a trade certain, so the output is kept within [1/(n+2), 1 - 1/(n+2)] for n fitted rows.
     */
    public double calibrate(double buyProbability) {
        if (!Double.isFinite(buyProbability)) return Double.NaN;
        double floor = 1.0 / (rows + 2);
        return Math.max(floor, Math.min(1 - floor, isotonic.predict(buyProbability)));
    }

    /** Rows it was fitted on. */
    public int rows() {
        return rows;
    }

    void save(Path dir) throws IOException {
        Serialized.write(dir.resolve(FILE), this);
    }

    /** Empty for a model folder saved before calibration existed: that model serves raw confidences. */
    static Optional<BuyCalibrator> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) return Optional.empty();
        return Optional.of(Serialized.read(file, BuyCalibrator.class));
    }
}
