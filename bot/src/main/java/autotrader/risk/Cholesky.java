package autotrader.risk;

/**
 * Cholesky solve and inverse for the 4x4 / 5x5 systems of the GARCH fitter. Commons-math3's decomposition does
 * the same but allocates matrix objects per call, which shows when a fit takes 50 microseconds.
 */
final class Cholesky {
    private Cholesky() {}

    /** Lower factor L with A = L L', or null when A is not (numerically) positive definite. */
    static double[][] factor(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) diagonal -= l[j][k] * l[j][k];
            if (!(diagonal > 1e-14 * Math.abs(a[j][j])) || !(diagonal > 0)) return null;
            l[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < n; i++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) v -= l[i][k] * l[j][k];
                l[i][j] = v / l[j][j];
            }
        }
        return l;
    }

    /** x with A x = b, or null when A is not positive definite. */
    static double[] solve(double[][] a, double[] b) {
        double[][] l = factor(a);
        return l == null ? null : solveFactored(l, b);
    }

    private static double[] solveFactored(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) v -= l[i][k] * y[k];
            y[i] = v / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < n; k++) v -= l[k][i] * x[k];
            x[i] = v / l[i][i];
        }
        return x;
    }

    /** Diagonal of A^{-1}, or null when A is not positive definite. */
    static double[] inverseDiagonal(double[][] a) {
        double[][] l = factor(a);
        if (l == null) return null;
        int n = a.length;
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            out[j] = solveFactored(l, e)[j];
        }
        return out;
    }
}
