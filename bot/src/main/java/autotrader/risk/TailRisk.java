package autotrader.risk;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * 95% value at risk and expected shortfall (CVaR) of a one-bar log return, reported as positive losses: VaR is
 * -q_0.05 and CVaR is -E[r | r &lt;= q_0.05]. A gain at the 5% quantile gives a negative number, left as it is.
 */
public final class TailRisk {

    public static final double LEVEL = 0.05;
    /** Historical estimates need at least this many returns so the 5% tail holds one observation. */
    public static final int MIN_HISTORICAL = 20;

    private static final double Z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(LEVEL); // -1.645
    private static final double NORMAL_SHORTFALL = Math.exp(-0.5 * Z * Z) / Math.sqrt(2 * Math.PI) / LEVEL; // 2.063

    private TailRisk() {}

    public record Estimate(double var, double cvar) {
        static final Estimate MISSING = new Estimate(Double.NaN, Double.NaN);
    }

    /** Normal with mean mu and standard deviation sigma. */
    public static Estimate normal(double mu, double sigma) {
        return new Estimate(-(mu + sigma * Z), -(mu - sigma * NORMAL_SHORTFALL));
    }

    /**
     * Student-t with nu degrees of freedom scaled to standard deviation sigma. For the unit-scale t, ES at level a is
     * f(q_a) (nu + q_a^2) / ((nu - 1) a); the scale sqrt((nu - 2) / nu) turns it into a unit-variance t.
     */
    public static Estimate studentT(double mu, double sigma, double nu) {
        TDistribution t = new TDistribution(null, nu, 1e-10);
        double q = t.inverseCumulativeProbability(LEVEL);
        double scale = sigma * Math.sqrt((nu - 2) / nu);
        double shortfall = t.density(q) * (nu + q * q) / ((nu - 1) * LEVEL);
        return new Estimate(-(mu + scale * q), -(mu - scale * shortfall));
    }

    /**
     * Historical: with k = ceil(0.05 n), VaR is minus the k-th smallest return and CVaR minus the mean of the k
     * smallest. NaN for fewer than {@value #MIN_HISTORICAL} returns.
     */
    public static Estimate historical(double[] returns) {
        int n = returns.length;
        if (n < MIN_HISTORICAL) return Estimate.MISSING;
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        int k = (int) Math.ceil(LEVEL * n - 1e-9);
        double tail = 0;
        for (int i = 0; i < k; i++) tail += sorted[i];
        return new Estimate(-sorted[k - 1], -tail / k);
    }
}
