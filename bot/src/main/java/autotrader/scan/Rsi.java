package autotrader.scan;

/**
 * Wilder's RSI with the same smoothing and start as ta4j's RSIIndicator (a modified moving average
 * with alpha 1/n, seeded with the first bar's zero gain and loss). Written out here because the
 * scanner computes it for ~1,450 symbols every few minutes and building ta4j series for that costs
 * more than the whole scan; a test checks it against ta4j.
 */
public final class Rsi {

    private Rsi() {
    }

    /** RSI of the series' last value; {@code extra} is appended after {@code closes} (today's price). */
    public static double last(double[] closes, double extra, int length) {
        double avgGain = 0, avgLoss = 0, prev = closes[0];
        int n = closes.length + 1;
        for (int i = 1; i < n; i++) {
            double c = i < closes.length ? closes[i] : extra;
            double change = c - prev;
            prev = c;
            avgGain += ((change > 0 ? change : 0) - avgGain) / length;
            avgLoss += ((change < 0 ? -change : 0) - avgLoss) / length;
        }
        if (avgLoss == 0) return avgGain == 0 ? 0 : 100;
        return 100 - 100 / (1 + avgGain / avgLoss);
    }
}
