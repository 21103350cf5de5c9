package autotrader.risk;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/** Rank and moment measures of dependence between two equally long, aligned return series. */
public final class Dependence {

    /** Fewer pairs than this and the copula degrees of freedom are not estimated (NaN). */
    public static final int MIN_COPULA_PAIRS = 20;

    private Dependence() {}

    /**
     * Everything the risk features need about a candidate against one benchmark, in one pass.
     *
     * @param beta OLS slope of candidate returns on benchmark returns
     */
    public record Summary(int n, double pearson, double beta, double kendallTau, double gaussianRho,
                          double tCopulaNu, double lowerTailDependence) {

        public static Summary empty(int n) {
            return new Summary(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    public static Summary summarise(double[] candidate, double[] benchmark) {
        return summarise(candidate, benchmark, true);
    }

    /**
     * @param withTCopula false skips the t-copula fit (tCopulaNu and lowerTailDependence are then NaN): the risk
     *                    features need tail dependence with SPY only, and the fit is the costliest part
     */
    public static Summary summarise(double[] candidate, double[] benchmark, boolean withTCopula) {
        int n = candidate.length;
        if (n != benchmark.length) throw new IllegalArgumentException("series differ in length: " + n + " vs " + benchmark.length);
        if (n < 3) return Summary.empty(n);
        double pearson = pearson(candidate, benchmark);
        double beta = olsBeta(candidate, benchmark);
        if (Double.isNaN(pearson)) return new Summary(n, pearson, beta, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        double tau = kendallTau(candidate, benchmark);
        double rho = GaussianCopula.rhoFromKendallTau(tau);
        if (!withTCopula || n < MIN_COPULA_PAIRS || Double.isNaN(tau)) return new Summary(n, pearson, beta, tau, rho, Double.NaN, Double.NaN);
        StudentTCopula t = StudentTCopula.fit(candidate, benchmark, rho);
        return new Summary(n, pearson, beta, tau, rho, t.nu(), t.lowerTailDependence());
    }

    /** Up to this many pairs the direct O(n^2) count beats commons-math3's merge sort, which allocates per pair. */
    static final int DIRECT_KENDALL_LIMIT = 256;

    /**
     * Kendall's tau-b (ties accounted for): commons-math3 {@link KendallsCorrelation} (O(n log n)) for long series,
     * a direct pair count for short ones, where it is several times faster. NaN when either series is constant.
     */
    public static double kendallTau(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) throw new IllegalArgumentException("series differ in length: " + n + " vs " + y.length);
        if (n < 2) return Double.NaN;
        if (n > DIRECT_KENDALL_LIMIT) return new KendallsCorrelation().correlation(x, y);
        long concordanceSum = 0, tiedX = 0, tiedY = 0;
        for (int i = 1; i < n; i++) {
            double xi = x[i], yi = y[i];
            for (int j = 0; j < i; j++) {
                int sx = Double.compare(xi, x[j]) , sy = Double.compare(yi, y[j]);
                concordanceSum += Integer.signum(sx) * Integer.signum(sy);
                if (sx == 0) tiedX++;
                if (sy == 0) tiedY++;
            }
        }
        long pairs = (long) n * (n - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        return denominator > 0 ? concordanceSum / denominator : Double.NaN;
    }

    /** Pearson correlation; NaN when either series has no variance or fewer than 3 points. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 3) return Double.NaN;
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** OLS slope of {@code y} on {@code x} (with intercept): cov(x, y) / var(x); NaN when x has no variance. */
    public static double olsBeta(double[] y, double[] x) {
        int n = x.length;
        if (n < 3) return Double.NaN;
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            sxy += dx * (y[i] - my);
            sxx += dx * dx;
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /** Pseudo-observations u_i = rank_i / (n + 1), ties given their average rank. */
    public static double[] pseudoObservations(double[] x) {
        int[] twice = twiceAverageRanks(x);
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) u[i] = twice[i] / (2.0 * (x.length + 1));
        return u;
    }

    /**
     * Twice the average (1-based) rank of each value. Average ranks of ties are whole or half numbers, so twice them
     * is an int: the copula code uses it to index precomputed quantiles.
     */
    static int[] twiceAverageRanks(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int below = lowerBound(sorted, x[i]);      // values strictly smaller
            int upTo = upperBound(sorted, x[i]);       // values smaller or equal
            out[i] = below + 1 + upTo;                 // ranks below+1 .. upTo, averaged, times two
        }
        return out;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
