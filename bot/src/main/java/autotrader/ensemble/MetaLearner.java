package autotrader.ensemble;

import smile.classification.LogisticRegression;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Multinomial logistic regression on the base models' class probabilities (5 x 3 = 15 inputs, in
 * {@link BaseModelKind} order). Trained on out-of-fold probabilities, so it learns how far to trust each
 * base model on data that model did not see; its output is also the ensemble's calibrated probability.
 */
public final class MetaLearner implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FILE = "meta_learner.ser";

    private final LogisticRegression model;

    private MetaLearner(LogisticRegression model) {
        this.model = model;
    }

    public static MetaLearner fit(double[][] baseProbabilities, int[] y, double lambda) {
        return new MetaLearner(LogisticRegression.multinomial(baseProbabilities, y, lambda, 1e-6, 1000));
    }

    /** Joins per-model probability matrices (each rows x 3) into the meta-learner's rows x 15 input. */
    public static double[][] stack(double[][][] perModel) {
        int rows = perModel[0].length;
        double[][] out = new double[rows][perModel.length * Decision.COUNT];
        for (int m = 0; m < perModel.length; m++) {
            for (int i = 0; i < rows; i++) System.arraycopy(perModel[m][i], 0, out[i], m * Decision.COUNT, Decision.COUNT);
        }
        return out;
    }

    public double[][] probabilities(double[][] stacked) {
        double[][] out = new double[stacked.length][Decision.COUNT];
        for (int i = 0; i < stacked.length; i++) model.predict(stacked[i], out[i]);
        return out;
    }

    void save(Path dir) throws IOException {
        Serialized.write(dir.resolve(FILE), this);
    }

    static MetaLearner load(Path dir) throws IOException {
        return Serialized.read(dir.resolve(FILE), MetaLearner.class);
    }
}
