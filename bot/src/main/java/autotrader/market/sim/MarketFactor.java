package autotrader.market.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The common market factor every simulated stock loads on: a daily path with GARCH(1,1) variance
 * (so calm and stormy stretches cluster), split into an overnight gap and an open-to-close move,
 * and for each day an intraday path of minute log returns that lands exactly on that day's
 * open-to-close move.
 */
final class MarketFactor {

    /** About 16-17% a year, the long-run volatility of a broad US index. */
    static final double LONG_RUN_DAILY_VARIANCE = 0.0105 * 0.0105;
    private static final double ALPHA = 0.09, BETA = 0.89;
    private static final double OMEGA = LONG_RUN_DAILY_VARIANCE * (1 - ALPHA - BETA);
    /** Share of the daily variance that arrives overnight, as a gap at the open. */
    static final double GAP_SHARE = 0.2;
    private static final int CACHED_DAYS = 512;

    private final long seed;
    private final TradingDays days;
    private double[] gap = new double[0];
    private double[] intra = new double[0];
    private double[] variance = new double[0];
    private int size;
    private double nextVariance = LONG_RUN_DAILY_VARIANCE;
    private final Map<Integer, Day> intradayCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Day> eldest) {
            return size() > CACHED_DAYS;
        }
    };

    /** One day's minute log returns, their variance weights (summing to 1) and the day's intraday variance. */
    record Day(double[] returns, double[] weights, double intradayVariance) {
    }

    MarketFactor(long seed, TradingDays days) {
        this.seed = seed;
        this.days = days;
    }

    synchronized double gap(int day) {
        ensure(day);
        return gap[day];
    }

    synchronized double intraday(int day) {
        ensure(day);
        return intra[day];
    }

    /** The market's conditional daily variance on that day. */
    synchronized double variance(int day) {
        ensure(day);
        return variance[day];
    }

    Day minutes(int day) {
        synchronized (intradayCache) {
            Day cached = intradayCache.get(day);
            if (cached != null) return cached;
        }
        Day made = makeMinutes(day, days.minutes(day), intraday(day), variance(day));
        synchronized (intradayCache) {
            intradayCache.put(day, made);
        }
        return made;
    }

    private Day makeMinutes(int day, int n, double target, double dailyVariance) {
        SplittableRandom rnd = Seeds.random(seed, Seeds.MARKET, day, Seeds.MINUTES);
        double[] w = clusteredWeights(rnd, n);
        double intradayVariance = dailyVariance * (1 - GAP_SHARE);
        double[] r = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            r[k] = Math.sqrt(intradayVariance * w[k]) * rnd.nextGaussian();
            sum += r[k];
        }
        // Bridge: spread the miss in proportion to each minute's variance, so the path ends on target.
        double miss = target - sum;
        for (int k = 0; k < n; k++) r[k] += miss * w[k];
        return new Day(r, w, intradayVariance);
    }

    /**
     * Per-minute variance weights summing to 1: the U shape times a slowly wandering log-volatility
     * (an AR(1) with a half-life of about 20 minutes), which gives intraday volatility clustering.
     */
    static double[] clusteredWeights(SplittableRandom rnd, int n) {
        double[] shape = IntradayShape.variance(n);
        double[] w = new double[n];
        double a = 0, sum = 0;
        for (int k = 0; k < n; k++) {
            a = 0.966 * a + 0.07 * rnd.nextGaussian();
            w[k] = shape[k] * Math.exp(2 * a);
            sum += w[k];
        }
        for (int k = 0; k < n; k++) w[k] /= sum;
        return w;
    }

    private void ensure(int day) {
        while (size <= day) {
            if (size == gap.length) {
                int n = Math.max(512, size * 2);
                gap = Arrays.copyOf(gap, n);
                intra = Arrays.copyOf(intra, n);
                variance = Arrays.copyOf(variance, n);
            }
            SplittableRandom rnd = Seeds.random(seed, Seeds.MARKET, size, Seeds.DAILY);
            double h = nextVariance;
            // A rare jump day (about 2%) fattens the tails beyond what GARCH with normal shocks gives.
            double jump = rnd.nextDouble() < 0.02 ? 2.5 : 1.0;
            double g = Math.sqrt(h * GAP_SHARE) * rnd.nextGaussian() * jump + 0.0001;
            double i = Math.sqrt(h * (1 - GAP_SHARE)) * rnd.nextGaussian() * jump + 0.0002;
            gap[size] = g;
            intra[size] = i;
            variance[size] = h;
            nextVariance = OMEGA + ALPHA * (g + i) * (g + i) + BETA * h;
            size++;
        }
    }
}
