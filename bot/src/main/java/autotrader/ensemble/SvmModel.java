package autotrader.ensemble;

import smile.classification.Classifier;
import smile.classification.OneVersusRest;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
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
    /** The same machines scored in batches (bit-identical, several times faster); null: smile's own path. */
    private transient volatile FastPath fast;
    private transient volatile boolean fastTried;

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
        FastPath f = fastPath();
        if (f != null) return f.probabilities(z);
        return smileProbabilities(z);
    }

    /** smile's OneVersusRest.predict, row by row: the reference the fast path must equal. */
    double[][] smileProbabilities(double[][] z) {
        double[][] out = new double[z.length][Decision.COUNT];
        for (int i = 0; i < z.length; i++) svm.predict(z[i], out[i]);
        return out;
    }

    double[][] standardize(double[][] rows) {
        return scaler.standardize(rows);
    }

    boolean usesFastPath() {
        return fastPath() != null;
    }

    private FastPath fastPath() {
        if (!fastTried) {
            synchronized (this) {
                if (!fastTried) {
                    fast = FastPath.of(svm);
                    fastTried = true;
                }
            }
        }
        return fast;
    }

    /**
     * OneVersusRest.predict(x, posteriori) is: each class's Platt-scaled machine score, then
     * MathEx.unitize1. Its machines and scalers are private fields, read once here (smile 3.1.1 has no
     * getter); if that ever fails the model keeps smile's own, slower path.
     */
    private record FastPath(KernelScores scores, PlattScaling[] platt) {
        static FastPath of(OneVersusRest<double[]> svm) {
            try {
                Field c = OneVersusRest.class.getDeclaredField("classifiers");
                Field p = OneVersusRest.class.getDeclaredField("platt");
                c.setAccessible(true);
                p.setAccessible(true);
                Object[] machines = (Object[]) c.get(svm);
                PlattScaling[] platt = (PlattScaling[]) p.get(svm);
                if (machines == null || platt == null || machines.length != Decision.COUNT || platt.length != machines.length) return null;
                KernelScores ks = KernelScores.of(Arrays.asList(machines));
                return ks == null ? null : new FastPath(ks, platt);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        double[][] probabilities(double[][] z) {
            double[][] s = scores.scores(z);
            double[][] out = new double[z.length][Decision.COUNT];
            for (int i = 0; i < z.length; i++) {
                for (int k = 0; k < Decision.COUNT; k++) out[i][k] = platt[k].scale(s[i][k]);
                MathEx.unitize1(out[i]);
            }
            return out;
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        Serialized.write(dir.resolve(name() + ".ser"), this);
    }
}
