package autotrader.market.sim;

import java.util.SplittableRandom;

/**
 * Generates one symbol-day of 1-minute bars from its day plan: minute log returns are beta x the
 * market's minute returns plus idiosyncratic noise with its own clustered U-shaped volatility plus
 * the burst drift inside a burst window, then corrected (a bridge weighted by each minute's
 * variance) so the last close lands exactly on the planned close. Each day depends only on its
 * plan and its own random stream, so days can be made independently, in any order, in parallel.
 */
final class MinuteGenerator {

    private MinuteGenerator() {
    }

    static MinuteDay generate(long seed, SymbolProfile profile, SymbolHistory.DayPlan plan, MarketFactor.Day market,
                              long openSec) {
        double[] m = market.returns();
        int n = m.length;
        SplittableRandom rnd = Seeds.random(seed, profile.seedKey(), plan.day(), Seeds.MINUTES);
        double[] w = MarketFactor.clusteredWeights(rnd, n);
        double idioVariance = plan.idioVariance() * (1 - MarketFactor.GAP_SHARE);
        double beta = profile.beta();
        SymbolHistory.BurstPlan burst = plan.burst();

        double[] x = new double[n];
        double[] sd = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sd[k] = Math.sqrt(beta * beta * market.intradayVariance() * market.weights()[k] + idioVariance * w[k]);
            x[k] = beta * m[k] + Math.sqrt(idioVariance * w[k]) * rnd.nextGaussian();
            if (burst != null && inBurst(burst, k)) x[k] += burst.drift() / burst.minutes();
            sum += x[k];
        }
        double miss = Math.log(plan.close() / plan.open()) - sum;
        for (int k = 0; k < n; k++) x[k] += miss * w[k];

        double[] volumeShape = IntradayShape.volumeWeights(n);
        MinuteDay day = new MinuteDay(openSec, n);
        double price = plan.open();
        double previous = plan.open();
        for (int k = 0; k < n; k++) {
            // exp(x) to second order: minute returns are ~1e-3, so the error (~1e-10) is far below a
            // cent, and the last close is set exactly anyway. Saves an exp per minute on the hot path.
            price *= 1 + x[k] + 0.5 * x[k] * x[k];
            double c = k == n - 1 ? plan.close() : Math.max(0.01, cents(price));
            double o = previous;
            // Wicks: how far the minute strayed beyond its open and close, scaled to its volatility.
            double wick = c * sd[k] * 0.5;
            double hi = cents(Math.max(o, c) + wick * Math.abs(rnd.nextGaussian()));
            double lo = Math.max(0.01, cents(Math.min(o, c) - wick * Math.abs(rnd.nextGaussian())));
            double busy = 0.5 + 0.5 * Math.abs(x[k]) / sd[k];
            double multiple = burst != null && inBurst(burst, k) ? burst.volumeMultiple() : 1;
            double noise = Math.exp(0.4 * rnd.nextGaussian() - 0.08);
            double v = plan.volume() * volumeShape[k] * noise * busy * multiple;
            day.open[k] = o;
            day.high[k] = Math.max(hi, Math.max(o, c));
            day.low[k] = Math.min(lo, Math.min(o, c));
            day.close[k] = c;
            day.volume[k] = Math.max(1, Math.round(v));
            previous = c;
        }
        return day;
    }

    private static boolean inBurst(SymbolHistory.BurstPlan b, int k) {
        return k >= b.startMinute() && k < b.startMinute() + b.minutes();
    }

    private static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
