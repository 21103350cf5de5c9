package autotrader.features.ta4jref;

/**
 * Trailing-window statistics over primitive arrays. Every method looks only at indices
 * {@code i-n+1..i} and recomputes from scratch (windows are at most 50 bars), so a value never
 * depends on where the array starts or on anything after {@code i}.
 */
final class Rolling {

    private Rolling() {
    }

    static double sum(double[] x, int i, int n) {
        double s = 0;
        for (int k = i - n + 1; k <= i; k++) s += x[k];
        return s;
    }

    static double mean(double[] x, int i, int n) {
        return sum(x, i, n) / n;
    }

    /** Sample standard deviation (n-1 in the denominator). */
    static double std(double[] x, int i, int n) {
        double mean = mean(x, i, n);
        double ss = 0;
        for (int k = i - n + 1; k <= i; k++) {
            double d = x[k] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (n - 1));
    }

    static double max(double[] x, int i, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = i - n + 1; k <= i; k++) m = Math.max(m, x[k]);
        return m;
    }

    static double min(double[] x, int i, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int k = i - n + 1; k <= i; k++) m = Math.min(m, x[k]);
        return m;
    }

    /** Pearson correlation of x and y over the window; NaN when either is constant. */
    static double correlation(double[] x, double[] y, int i, int n) {
        double mx = mean(x, i, n), my = mean(y, i, n);
        double sxy = 0, sxx = 0, syy = 0;
        for (int k = i - n + 1; k <= i; k++) {
            double dx = x[k] - mx, dy = y[k] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** a / b, or NaN when b is zero: a degenerate ratio is missing, not a made-up number. */
    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}
