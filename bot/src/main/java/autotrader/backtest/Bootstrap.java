package autotrader.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Seeded bootstrap confidence intervals and paired tests for the backtest's report.
 * <ul>
 * <li>Daily returns are resampled with the stationary bootstrap (Politis and Romano 1994): blocks
 *     of consecutive days with geometric lengths of mean {@link #blockLength(int)}, wrapping at
 *     the end, so the volatility clustering of a few days survives the resampling, which an
 *     independent draw of single days would destroy (and so understate the Sharpe ratio's spread).</li>
 * <li>Trade returns are resampled one trade at a time (plain bootstrap): trades are treated as
 *     independent draws of the strategy's edge.</li>
 * <li>A paired test resamples the same days for both series, so what the two have in common (the
 *     market's moves) cancels and only the difference is tested.</li>
 * </ul>
 * Intervals are percentile intervals (2.5th and 97.5th percentile of the resampled statistic).
 * Every call starts its own {@link Random} from the seed: the same inputs always give the same
 * answer, whatever was computed before.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 2000;

    /** A statistic, its 95 % percentile interval, and how many resamples gave a defined value (NaN ones are left out). */
    public record Interval(double estimate, double low, double high, int resamples) {
        public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /**
     * The strategy's statistic minus the baseline's on the same resampled days: the observed
     * difference, its 95 % interval, and the one-sided p-value of "the strategy is no better", the
     * share of resamples whose difference is at or below zero.
     */
    public record Paired(Interval difference, double pValue) {
        public static final Paired UNDEFINED = new Paired(Interval.UNDEFINED, Double.NaN);

        /** Better at the 5 % level, one-sided. */
        public boolean significant() {
            return Double.isFinite(pValue) && pValue < 0.05 && difference.estimate() > 0;
        }
    }

    private final long seed;
    private final int resamples;

    public Bootstrap(long seed, int resamples) {
        if (resamples < 100) throw new IllegalArgumentException("bootstrap resamples must be at least 100, not " + resamples);
        this.seed = seed;
        this.resamples = resamples;
    }

    public long seed() {
        return seed;
    }

    public int resamples() {
        return resamples;
    }

    /** Mean block length of the stationary bootstrap: n^(1/3) rounded, at least 1 (the usual order for a mean-like statistic). */
    public static int blockLength(int n) {
        return Math.max(1, (int) Math.round(Math.cbrt(n)));
    }

    /** Interval of a statistic of daily returns, resampled in stationary blocks. */
    public Interval daily(double[] returns, ToDoubleFunction<double[]> statistic) {
        if (returns.length < 2) return Interval.UNDEFINED;
        Random rnd = new Random(seed);
        int block = blockLength(returns.length);
        double[] stats = new double[resamples];
        double[] x = new double[returns.length];
        for (int b = 0; b < resamples; b++) {
            int[] idx = stationaryIndices(returns.length, block, rnd);
            for (int i = 0; i < idx.length; i++) x[i] = returns[idx[i]];
            stats[b] = statistic.applyAsDouble(x);
        }
        return interval(statistic.applyAsDouble(returns), stats);
    }

    /** Interval of the mean of independent values (trade returns), one value at a time. */
    public Interval mean(double[] values) {
        if (values.length == 0) return Interval.UNDEFINED;
        Random rnd = new Random(seed);
        double[] stats = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < values.length; i++) s += values[rnd.nextInt(values.length)];
            stats[b] = s / values.length;
        }
        return interval(Arrays.stream(values).average().orElse(Double.NaN), stats);
    }

    /** Paired stationary bootstrap of statistic(a) - statistic(b) over the same days; a and b must be aligned day by day. */
    public Paired paired(double[] a, double[] b, ToDoubleFunction<double[]> statistic) {
        if (a.length != b.length) throw new IllegalArgumentException("paired series differ in length: " + a.length + " and " + b.length);
        if (a.length < 2) return Paired.UNDEFINED;
        Random rnd = new Random(seed);
        int block = blockLength(a.length);
        double[] diffs = new double[resamples];
        double[] xa = new double[a.length], xb = new double[b.length];
        for (int k = 0; k < resamples; k++) {
            int[] idx = stationaryIndices(a.length, block, rnd);
            for (int i = 0; i < idx.length; i++) {
                xa[i] = a[idx[i]];
                xb[i] = b[idx[i]];
            }
            diffs[k] = statistic.applyAsDouble(xa) - statistic.applyAsDouble(xb);
        }
        Interval d = interval(statistic.applyAsDouble(a) - statistic.applyAsDouble(b), diffs);
        if (d.resamples() == 0) return new Paired(d, Double.NaN);
        int notBetter = 0;
        for (double v : diffs) if (Double.isFinite(v) && v <= 0) notBetter++;
        return new Paired(d, (double) notBetter / d.resamples());
    }

    /**
     * Indices of one stationary-bootstrap resample: a block starts at a uniform day and runs on
     * (wrapping past the last day to the first) until a new block starts, with probability 1/block
     * at each step.
     */
    static int[] stationaryIndices(int n, int block, Random rnd) {
        int[] idx = new int[n];
        double pNew = 1.0 / block;
        int cur = rnd.nextInt(n);
        for (int i = 0; i < n; i++) {
            if (i > 0) cur = rnd.nextDouble() < pNew ? rnd.nextInt(n) : (cur + 1) % n;
            idx[i] = cur;
        }
        return idx;
    }

    private static Interval interval(double estimate, double[] stats) {
        double[] ok = Arrays.stream(stats).filter(Double::isFinite).sorted().toArray();
        if (ok.length == 0) return new Interval(estimate, Double.NaN, Double.NaN, 0);
        return new Interval(estimate, quantile(ok, 0.025), quantile(ok, 0.975), ok.length);
    }

    /** The q-quantile of sorted values, linear between order statistics (the common "type 7" definition). */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Finite values, sorted, for {@link #quantile}. */
    public static double[] sortedFinite(List<Double> values) {
        List<Double> ok = new ArrayList<>();
        for (Double v : values) if (v != null && Double.isFinite(v)) ok.add(v);
        return ok.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
