package autotrader.ensemble;

import java.io.Serializable;

/**
 * Training-set column means and standard deviations. Models that cannot take NaN get it replaced by
 * the training mean (so a missing value says "typical", not "zero"); the MLP and the SVM also need
 * standardised inputs, because their steps and kernel widths assume unit scale. Fitted on each model's
 * own training rows only, so no statistic of a test fold leaks into its model.
 */
public final class InputScaler implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Standardised values are clipped here: one wild input must not saturate the net or dominate a kernel distance. */
    static final double CLIP = 10.0;

    private final double[] means;
    private final double[] scales;

    private InputScaler(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    public static InputScaler fit(double[][] x) {
        int p = x.length == 0 ? 0 : x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0, sumSq = 0;
            int n = 0;
            for (double[] row : x) {
                double v = row[j];
                if (Double.isFinite(v)) {
                    sum += v;
                    sumSq += v * v;
                    n++;
                }
            }
            mean[j] = n == 0 ? 0 : sum / n;
            double var = n < 2 ? 0 : (sumSq - n * mean[j] * mean[j]) / (n - 1);
            scale[j] = var > 1e-24 ? Math.sqrt(var) : 1.0; // a constant column stays constant (0 after centring)
        }
        return new InputScaler(mean, scale);
    }

    public int columns() {
        return means.length;
    }

    /** Copies with non-finite values replaced by the training mean. */
    public double[][] impute(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i].clone();
            for (int j = 0; j < row.length; j++) if (!Double.isFinite(row[j])) row[j] = means[j];
            out[i] = row;
        }
        return out;
    }

    /** Copies imputed, centred, scaled to unit variance and clipped to +-{@value #CLIP}. */
    public double[][] standardize(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = new double[means.length];
            for (int j = 0; j < row.length; j++) {
                double v = x[i][j];
                double z = Double.isFinite(v) ? (v - means[j]) / scales[j] : 0.0;
                row[j] = Math.max(-CLIP, Math.min(CLIP, z));
            }
            out[i] = row;
        }
        return out;
    }
}
