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
        int[] rx = twiceAverageRanks(candidate), ry = twiceAverageRanks(benchmark);
        double tau = kendallTauFromRanks(rx, ry);
        double rho = GaussianCopula.rhoFromKendallTau(tau);
        if (!withTCopula || n < MIN_COPULA_PAIRS || Double.isNaN(tau)) return new Summary(n, pearson, beta, tau, rho, Double.NaN, Double.NaN);
        StudentTCopula t = StudentTCopula.fitRanks(rx, ry, rho);
        return new Summary(n, pearson, beta, tau, rho, t.nu(), t.lowerTailDependence());
    }

    /**
     * Kendall's tau-b (ties accounted for) by Knight's O(n log n) algorithm on integer ranks: the same algorithm as
     * commons-math3 {@link KendallsCorrelation}, which the tests use as the reference, but on primitive arrays and
     * reusing the ranks the copula needs anyway (commons-math3 allocates an object per pair, which dominated the
     * cost at 100 bars). NaN when either series is constant.
     */
    public static double kendallTau(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("series differ in length: " + x.length + " vs " + y.length);
        return kendallTauFromRanks(twiceAverageRanks(x), twiceAverageRanks(y));
    }

    static double kendallTauFromRanks(int[] rx, int[] ry) {
        int n = rx.length;
        if (n < 2) return Double.NaN;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) packed[i] = ((long) rx[i] << 32) | ry[i]; // ranks are positive ints
        Arrays.sort(packed); // by x, then y
        int[] ys = new int[n];
        long tiedX = 0, tiedXY = 0, runX = 1, runXY = 1;
        ys[0] = (int) packed[0];
        for (int i = 1; i < n; i++) {
            ys[i] = (int) packed[i];
            boolean sameX = (packed[i] >>> 32) == (packed[i - 1] >>> 32);
            runX = sameX ? runX + 1 : 1;
            runXY = packed[i] == packed[i - 1] ? runXY + 1 : 1;
            tiedX += runX - 1;   // adds 1, 2, 3, ... along a run: L (L - 1) / 2 in total
            tiedXY += runXY - 1;
        }
        long discordant = sortCountingInversions(ys, new int[n], 0, n);
        long tiedY = 0, runY = 1;
        for (int i = 1; i < n; i++) {
            runY = ys[i] == ys[i - 1] ? runY + 1 : 1;
            tiedY += runY - 1;
        }
        long pairs = (long) n * (n - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        long concordantMinusDiscordant = pairs - tiedX - tiedY + tiedXY - 2 * discordant;
        return denominator > 0 ? concordantMinusDiscordant / denominator : Double.NaN;
    }

    /** Merge sort of a[from, to) that returns the number of pairs i &lt; j with a[i] &gt; a[j] (ties are not counted). */
    private static long sortCountingInversions(int[] a, int[] buffer, int from, int to) {
        if (to - from < 2) return 0;
        int mid = (from + to) >>> 1;
        long count = sortCountingInversions(a, buffer, from, mid) + sortCountingInversions(a, buffer, mid, to);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) {
            if (a[j] < a[i]) {
                count += mid - i;
                buffer[k++] = a[j++];
            } else {
                buffer[k++] = a[i++];
            }
        }
        while (i < mid) buffer[k++] = a[i++];
        while (j < to) buffer[k++] = a[j++];
        System.arraycopy(buffer, from, a, from, to - from);
        return count;
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
