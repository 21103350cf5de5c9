package autotrader.predict;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-feature standardisation with statistics from the training window only, stored with the model.
 * <ul>
 * <li>{@code z = (x - mean) / std}, clipped to +-{@link #CLIP};</li>
 * <li>a missing value (NaN, e.g. warm-up or a degenerate bar) becomes 0, i.e. the training mean;
 * there is no missing-indicator column;</li>
 * <li>a feature with no finite value in the training rows (the scanner features, which have no
 * history, and the intraday-only features on 1d) is marked unused and is always 0, so live values
 * the model never saw cannot reach it; a constant feature gets std 1.</li>
 * </ul>
 * The target is the next bar's log return divided by {@code targetScale} (the training targets'
 * standard deviation); training targets are clipped to +-{@link #CLIP} scale units.
 */
public record Normalizer(List<String> featureNames, double[] mean, double[] std, boolean[] used, double targetScale) {

    public static final double CLIP = 5.0;

    /** Fits on the given rows (each row once) and training targets. */
    public static Normalizer fit(List<String> names, Iterable<double[]> rows, double[] targets) {
        int f = names.size();
        double[] sum = new double[f], sumSq = new double[f];
        long[] n = new long[f];
        for (double[] row : rows) {
            for (int k = 0; k < f; k++) {
                double v = row[k];
                if (Double.isFinite(v)) {
                    sum[k] += v;
                    sumSq[k] += v * v;
                    n[k]++;
                }
            }
        }
        double[] mean = new double[f], std = new double[f];
        boolean[] used = new boolean[f];
        for (int k = 0; k < f; k++) {
            used[k] = n[k] > 0;
            mean[k] = n[k] > 0 ? sum[k] / n[k] : 0;
            double var = n[k] > 1 ? Math.max(0, sumSq[k] / n[k] - mean[k] * mean[k]) : 0;
            std[k] = var > 1e-24 ? Math.sqrt(var) : 1;
        }
        double ts = 0;
        for (double t : targets) ts += t * t;
        double scale = targets.length == 0 ? 1 : Math.sqrt(ts / targets.length);
        return new Normalizer(List.copyOf(names), mean, std, used, scale > 0 ? scale : 1e-3);
    }

    /** The standardised value of feature k. */
    public float apply(int k, double v) {
        if (!used[k] || !Double.isFinite(v)) return 0f;
        double z = (v - mean[k]) / std[k];
        return (float) Math.max(-CLIP, Math.min(CLIP, z));
    }

    /** A training target in scale units, clipped. */
    public float scaleTarget(double logReturn) {
        return (float) Math.max(-CLIP, Math.min(CLIP, logReturn / targetScale));
    }

    public double unscale(double output) {
        return output * targetScale;
    }

    public List<String> unusedFeatures() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < used.length; k++) if (!used[k]) out.add(featureNames.get(k));
        return out;
    }
}
