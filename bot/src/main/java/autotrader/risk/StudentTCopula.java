package autotrader.risk;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Bivariate Student-t copula with rho from Kendall's tau and nu by maximum likelihood of the copula density on rank
 * pseudo-observations (the usual semi-parametric "inversion of tau + profile likelihood" fit).
 *
 * <p>Why it is cheap: the pseudo-observations of n pairs are always i / (n + 1) (half-steps with ties), so the t
 * quantiles they need depend only on n and nu. They are computed once per (n, grid nu) with commons-math3
 * {@link TDistribution} and cached, and the nu search runs on a fixed log-spaced grid of {@value #GRID_SIZE} values
 * from {@value #MIN_NU} to {@value #MAX_NU}: golden-section search over the grid, then a parabola through the best
 * three points in ln(nu). After the first call for a given n, one likelihood evaluation is one log per pair.
 */
public record StudentTCopula(double rho, double nu, double logLikelihood) {

    public static final double MIN_NU = 2.1;
    public static final double MAX_NU = 100;
    static final int GRID_SIZE = 40;
    private static final double[] GRID = grid();
    private static final int MAX_CACHED_SIZES = 64;
    private static final ConcurrentHashMap<Integer, AtomicReferenceArray<QuantileRow>> CACHE = new ConcurrentHashMap<>();

    /** Lower-tail dependence 2 t_{nu+1}(-sqrt((nu + 1)(1 - rho) / (1 + rho))). */
    public double lowerTailDependence() {
        return lowerTailDependence(rho, nu);
    }

    public static double lowerTailDependence(double rho, double nu) {
        if (!(nu > 0) || Double.isNaN(rho)) return Double.NaN;
        if (rho >= 1) return 1;
        double arg = -Math.sqrt((nu + 1) * (1 - rho) / (1 + rho));
        return 2 * new TDistribution(null, nu + 1, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY).cumulativeProbability(arg);
    }

    /** Fits nu for two aligned series with rho from their Kendall's tau. */
    public static StudentTCopula fit(double[] x, double[] y) {
        return fit(x, y, GaussianCopula.rhoFromKendallTau(Dependence.kendallTau(x, y)));
    }

    /** Fits nu with rho given (clamped to |rho| &lt;= 0.999). */
    public static StudentTCopula fit(double[] x, double[] y, double rho) {
        if (x.length != y.length) throw new IllegalArgumentException("series differ in length: " + x.length + " vs " + y.length);
        return fitRanks(Dependence.twiceAverageRanks(x), Dependence.twiceAverageRanks(y), rho);
    }

    /** The fit on twice-average-ranks (see {@link Dependence#twiceAverageRanks}), shared with Kendall's tau. */
    static StudentTCopula fitRanks(int[] ix, int[] iy, double rho) {
        int n = ix.length;
        if (n < 2 || Double.isNaN(rho)) return new StudentTCopula(rho, Double.NaN, Double.NaN);
        double r = Math.max(-GaussianCopula.MAX_ABS_RHO, Math.min(GaussianCopula.MAX_ABS_RHO, rho));
        Profile profile = new Profile(n, ix, iy, r);

        int best = goldenSectionArgmax(profile);
        if (best == 0 || best == GRID_SIZE - 1) return new StudentTCopula(r, GRID[best], profile.at(best));
        // parabola in ln(nu), which the grid is uniform in, through best - 1, best, best + 1
        double a = profile.at(best - 1), b = profile.at(best), c = profile.at(best + 1);
        double denominator = a - 2 * b + c;
        double offset = denominator < 0 ? 0.5 * (a - c) / denominator : 0;
        offset = Math.max(-0.5, Math.min(0.5, offset));
        double logStep = Math.log(GRID[1] / GRID[0]);
        double nu = Math.exp(Math.log(GRID[best]) + offset * logStep);
        double ll = b - 0.25 * (a - c) * offset;
        return new StudentTCopula(r, nu, ll);
    }

    /**
     * Golden-section search for the best grid index, about 9 likelihood evaluations for 40 grid points. It assumes the
     * profile likelihood is unimodal in nu, which it is in practice (rho fixed, one shape parameter).
     */
    private static int goldenSectionArgmax(Profile profile) {
        final double ratio = (Math.sqrt(5) - 1) / 2;
        int lo = 0, hi = GRID_SIZE - 1;
        int a = hi - (int) Math.round(ratio * (hi - lo)), b = lo + (int) Math.round(ratio * (hi - lo));
        while (hi - lo > 3) {
            if (profile.at(a) >= profile.at(b)) {
                hi = b - 1;
            } else {
                lo = a + 1;
            }
            a = hi - (int) Math.round(ratio * (hi - lo));
            b = lo + (int) Math.round(ratio * (hi - lo));
            if (a >= b) break;
        }
        int best = lo;
        for (int k = lo; k <= hi; k++) if (profile.at(k) > profile.at(best)) best = k;
        return best;
    }

    /** The t-copula log-likelihood as a function of the grid index, memoised because the passes overlap. */
    private static final class Profile {
        private final int n;
        private final int[] ix, iy;
        private final double rho, oneMinusRho2;
        private final double[] memo = new double[GRID_SIZE];
        private final AtomicReferenceArray<QuantileRow> rows;

        Profile(int n, int[] ix, int[] iy, double rho) {
            this.n = n;
            this.ix = ix;
            this.iy = iy;
            this.rho = rho;
            this.oneMinusRho2 = 1 - rho * rho;
            Arrays.fill(memo, Double.NaN);
            if (CACHE.size() > MAX_CACHED_SIZES) CACHE.clear(); // rarely more than a few sample sizes are in use
            this.rows = CACHE.computeIfAbsent(n, k -> new AtomicReferenceArray<>(GRID_SIZE));
        }

        double at(int k) {
            if (Double.isNaN(memo[k])) memo[k] = logLikelihood(k);
            return memo[k];
        }

        private double logLikelihood(int k) {
            QuantileRow row = rows.get(k);
            if (row == null) {
                row = QuantileRow.compute(n, GRID[k]);
                rows.set(k, row);
            }
            double nu = GRID[k];
            double sum = 0; // Math.log(1 + v) rather than log1p: log is a JIT intrinsic and v is not tiny here
            for (int i = 0; i < n; i++) {
                double qx = row.quantile[ix[i] - 2], qy = row.quantile[iy[i] - 2];
                double quadratic = (qx * qx - 2 * rho * qx * qy + qy * qy) / oneMinusRho2;
                sum += -(nu + 2) / 2 * Math.log(1 + quadratic / nu) + row.marginal[ix[i] - 2] + row.marginal[iy[i] - 2];
            }
            return sum + n * (row.constant - 0.5 * Math.log(oneMinusRho2));
        }
    }

    /**
     * t_nu quantiles at u = j / (2 (n + 1)), j = 2 .. 2n (every whole and half rank), with the marginal log-density
     * term (nu + 1) / 2 ln(1 + q^2 / nu) that the copula density divides out, and the density's constant.
     */
    private record QuantileRow(double[] quantile, double[] marginal, double constant) {

        static QuantileRow compute(int n, double nu) {
            TDistribution t = new TDistribution(null, nu, 1e-10);
            int size = 2 * n - 1;
            double[] q = new double[size], m = new double[size];
            for (int j = 0; j < size; j++) {
                int mirror = size - 1 - j;
                if (mirror < j) { // t is symmetric: reuse the lower half
                    q[j] = -q[mirror];
                } else {
                    q[j] = j == mirror ? 0 : t.inverseCumulativeProbability((j + 2) / (2.0 * (n + 1)));
                }
                m[j] = (nu + 1) / 2 * Math.log1p(q[j] * q[j] / nu);
            }
            double constant = Gamma.logGamma((nu + 2) / 2) + Gamma.logGamma(nu / 2) - 2 * Gamma.logGamma((nu + 1) / 2);
            return new QuantileRow(q, m, constant);
        }
    }

    private static double[] grid() {
        double[] g = new double[GRID_SIZE];
        double step = Math.log(MAX_NU / MIN_NU) / (GRID_SIZE - 1);
        for (int k = 0; k < GRID_SIZE; k++) g[k] = MIN_NU * Math.exp(k * step);
        g[GRID_SIZE - 1] = MAX_NU;
        return g;
    }
}
