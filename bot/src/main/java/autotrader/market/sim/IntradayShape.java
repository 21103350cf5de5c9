package autotrader.market.sim;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The U shape of a US session: volatility and volume are highest just after the open, lowest
 * around midday and pick up again into the close. Kept per session length (390 or 210 minutes)
 * because the simulator asks for them for every symbol-day.
 */
final class IntradayShape {

    private static final ConcurrentHashMap<Integer, double[]> VARIANCE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, double[]> VOLUME = new ConcurrentHashMap<>();

    private IntradayShape() {
    }

    /** Relative variance of each minute of an n-minute session (not normalised). Do not modify. */
    static double[] variance(int n) {
        return VARIANCE.computeIfAbsent(n, len -> {
            double[] v = new double[len];
            for (int k = 0; k < len; k++) {
                double sd = 1.0 + 1.6 * Math.exp(-k / 25.0) + 0.6 * Math.exp(-(len - 1 - k) / 20.0);
                v[k] = sd * sd;
            }
            return v;
        });
    }

    /** Share of the day's volume traded in each minute of an n-minute session, summing to 1. Do not modify. */
    static double[] volumeWeights(int n) {
        return VOLUME.computeIfAbsent(n, len -> {
            double[] w = new double[len];
            double sum = 0;
            for (int k = 0; k < len; k++) {
                w[k] = 1.0 + 2.5 * Math.exp(-k / 20.0) + 1.5 * Math.exp(-(len - 1 - k) / 15.0);
                sum += w[k];
            }
            for (int k = 0; k < len; k++) w[k] /= sum;
            return w;
        });
    }
}
