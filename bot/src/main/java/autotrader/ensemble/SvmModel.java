package autotrader.ensemble;

import smile.classification.Classifier;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Smile kernel SVM, Gaussian kernel, one-vs-rest with Platt-scaled probabilities: one binary SVM per
 * class on labels +1/-1 and a PlattScaling (fitted on that SVM's training scores) turning its score into a
 * probability; smile's OneVersusRest normalises the three to sum to 1.
 * Trained on the latest {@code svmMaxRows} rows only: kernel SVM training grows with rows squared
 * and inference with the support vectors, which would blow the 1.5 s decision budget.
 */
final class SvmModel implements BaseModel, Serializable {

    private static final long serialVersionUID = 1L;

    private final InputScaler scaler;
    private final OneVersusRest<double[]> svm;

    private SvmModel(InputScaler scaler, OneVersusRest<double[]> svm) {
        this.scaler = scaler;
        this.svm = svm;
    }

    static SvmModel fit(double[][] x, int[] y, EnsembleSettings s, long seed) {
        int from = Math.max(0, x.length - s.svmMaxRows());
        double[][] recent = Arrays.copyOfRange(x, from, x.length);
        int[] labels = Arrays.copyOfRange(y, from, y.length);
        InputScaler scaler = InputScaler.fit(recent);
        double[][] z = scaler.standardize(recent);
        // On unit-variance inputs the squared distance between two rows is about 2p, so the width scales with sqrt(p).
        GaussianKernel kernel = new GaussianKernel(s.svmSigmaScale() * Math.sqrt(z[0].length));
        // One-vs-rest built here rather than by OneVersusRest.fit: that fits the classes on a parallel stream, where
        // smile's thread-local generators (LASVM visits rows in random order) cannot be seeded, so fits would differ.
        @SuppressWarnings("unchecked")
        Classifier<double[]>[] machines = new Classifier[Decision.COUNT];
        PlattScaling[] platt = new PlattScaling[Decision.COUNT];
        for (int k = 0; k < Decision.COUNT; k++) {
            int[] yk = new int[labels.length];
            for (int i = 0; i < labels.length; i++) yk[i] = labels[i] == k ? +1 : -1; // smile's SVM wants +1/-1
            MathEx.setSeed(Math.floorMod(seed + k, Integer.MAX_VALUE)); // smile's generators want a non-negative int seed
            machines[k] = SVM.fit(z, yk, kernel, s.svmC(), 1e-3);
            platt[k] = PlattScaling.fit(machines[k], z, yk);
        }
        return new SvmModel(scaler, new OneVersusRest<>(machines, platt));
    }

    @Override
    public String name() {
        return BaseModelKind.SVM.modelName();
    }

    @Override
    public double[][] probabilities(double[][] rows) {
        double[][] z = scaler.standardize(rows);
        double[][] out = new double[rows.length][Decision.COUNT];
        for (int i = 0; i < rows.length; i++) svm.predict(z[i], out[i]);
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        Serialized.write(dir.resolve(name() + ".ser"), this);
    }
}
