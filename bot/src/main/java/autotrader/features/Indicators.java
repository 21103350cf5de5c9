package autotrader.features;

/**
 * The ta4j 0.17 indicators the features use, on primitive arrays of one window: the same double
 * operations in the same order as ta4j's {@code DoubleNum} arithmetic, so every value is bit for bit
 * what the ta4j indicator gives on a series of the window's bars ({@code FeaturesMatchTa4jTest}
 * compares them). That is why a sum starts at 0.0 and runs oldest first, why x^2 is
 * {@code Math.pow(x, 2)} and why division by zero is NaN ({@code DoubleNum.dividedBy}).
 *
 * <p>Why not ta4j itself: a row is the value at the last bar of its own 100-bar window (see
 * {@link FeatureEngine}), so every row needs a fresh series and fresh indicators; ta4j's objects,
 * synchronized caches and boxed numbers made a row cost 0.4 ms, these arrays a few microseconds.
 *
 * <p>Arrays hold a value for every index of the window, index 0 being its first bar, where ta4j
 * seeds its recursions (EMA, Wilder averages, OBV, A/D). Windowed values ({@code sma}, {@code highest}
 * ...) are computed at one index: they read indices {@code i-n+1..i} (fewer at the window's start,
 * as ta4j does).
 */
final class Indicators {

    private Indicators() {
    }

    /** {@code DoubleNum.dividedBy}: NaN when the divisor is zero. */
    static double div(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /** ta4j's AbstractEMAIndicator: x[0], then (x - previous) * multiplier + previous. */
    static double[] smooth(double[] x, double multiplier) {
        double[] out = new double[x.length];
        if (out.length == 0) return out;
        out[0] = x[0];
        for (int j = 1; j < out.length; j++) {
            double previous = out[j - 1];
            out[j] = (x[j] - previous) * multiplier + previous;
        }
        return out;
    }

    /** EMAIndicator(x, n). */
    static double[] ema(double[] x, int n) {
        return smooth(x, 2.0 / (n + 1));
    }

    /** MMAIndicator(x, n): Wilder's average. */
    static double[] mma(double[] x, int n) {
        return smooth(x, 1.0 / n);
    }

    /** GainIndicator: close-to-close rise, 0 at index 0 and when the close did not rise. */
    static double[] gains(double[] x) {
        double[] out = new double[x.length];
        for (int j = 1; j < out.length; j++) out[j] = x[j] > x[j - 1] ? x[j] - x[j - 1] : 0;
        return out;
    }

    /** LossIndicator: close-to-close fall as a positive number. */
    static double[] losses(double[] x) {
        double[] out = new double[x.length];
        for (int j = 1; j < out.length; j++) out[j] = x[j] < x[j - 1] ? x[j - 1] - x[j] : 0;
        return out;
    }

    /** TRIndicator: |high - low| at index 0, then the largest of it, |high - previous close|, |previous close - low|. */
    static double[] trueRange(double[] high, double[] low, double[] close) {
        double[] out = new double[high.length];
        for (int j = 0; j < out.length; j++) {
            double hl = Math.abs(high[j] - low[j]);
            if (j == 0) {
                out[j] = hl;
            } else {
                double previousClose = close[j - 1];
                out[j] = Math.max(Math.max(hl, Math.abs(high[j] - previousClose)), Math.abs(previousClose - low[j]));
            }
        }
        return out;
    }

    /** TypicalPriceIndicator: (high + low + close) / 3. */
    static double[] typicalPrice(double[] high, double[] low, double[] close) {
        double[] out = new double[high.length];
        for (int j = 0; j < out.length; j++) out[j] = (high[j] + low[j] + close[j]) / 3;
        return out;
    }

    /** CloseLocationValueIndicator: ((close - low) - (high - close)) / (high - low), NaN on a bar with no range. */
    static double[] closeLocation(double[] high, double[] low, double[] close) {
        double[] out = new double[high.length];
        for (int j = 0; j < out.length; j++) out[j] = div(close[j] - low[j] - (high[j] - close[j]), high[j] - low[j]);
        return out;
    }

    /** OnBalanceVolumeIndicator: 0 at index 0, then plus the volume on a rise, minus it on a fall. */
    static double[] onBalanceVolume(double[] close, double[] volume) {
        double[] out = new double[close.length];
        for (int j = 1; j < out.length; j++) {
            double previous = out[j - 1];
            if (close[j - 1] > close[j]) out[j] = previous - volume[j];
            else out[j] = close[j - 1] < close[j] ? previous + volume[j] : previous;
        }
        return out;
    }

    /** AccumulationDistributionIndicator: 0 at index 0, then CLV * volume + previous. */
    static double[] accumulationDistribution(double[] closeLocation, double[] volume) {
        double[] out = new double[closeLocation.length];
        for (int j = 1; j < out.length; j++) out[j] = closeLocation[j] * volume[j] + out[j - 1];
        return out;
    }

    /** KAMAIndicator(price, erBars, fast, slow). */
    static double[] kama(double[] price, int erBars, int fast, int slow) {
        double fastest = 2.0 / (fast + 1), slowest = 2.0 / (slow + 1);
        double[] out = new double[price.length];
        for (int j = 0; j < out.length; j++) {
            double current = price[j];
            if (j < erBars) {
                out[j] = current;
                continue;
            }
            int from = j - erBars;
            double change = Math.abs(current - price[from]);
            double volatility = 0;
            for (int k = from; k < j; k++) volatility = volatility + Math.abs(price[k + 1] - price[k]);
            double er = div(change, volatility);
            double sc = Math.pow(er * (fastest - slowest) + slowest, 2);
            double prior = out[j - 1];
            out[j] = prior + sc * (current - prior);
        }
        return out;
    }

    /** First index of the n-bar window ending at i, as ta4j clips it at the series' start. */
    static int start(int i, int n) {
        return Math.max(0, i - n + 1);
    }

    /** Sum of x over the n bars ending at i, from 0.0, oldest first (RunningTotalIndicator's full sum, VolumeIndicator(n)). */
    static double sum(double[] x, int i, int n) {
        double s = 0;
        for (int k = start(i, n); k <= i; k++) s = s + x[k];
        return s;
    }

    /**
     * SMAIndicator(x, n) at i. ta4j keeps a running total that it moves on when consecutive indices are
     * asked for; no feature asks an average at consecutive indices (each reads its row's bar, at most
     * also five bars back), so ta4j always took this full sum.
     */
    static double sma(double[] x, int i, int n) {
        return sum(x, i, n) / Math.min(n, i + 1);
    }

    /** VarianceIndicator(x, n) at i: population variance around the SMA. */
    static double variance(double[] x, int i, int n) {
        int from = start(i, n);
        double average = sma(x, i, n);
        double variance = 0;
        for (int k = from; k <= i; k++) variance = variance + Math.pow(x[k] - average, 2);
        return variance / (i - from + 1);
    }

    /** StandardDeviationIndicator(x, n) at i. */
    static double standardDeviation(double[] x, int i, int n) {
        return Math.sqrt(variance(x, i, n));
    }

    /** MeanDeviationIndicator(x, n) at i: mean absolute deviation from the SMA. */
    static double meanDeviation(double[] x, int i, int n) {
        int from = start(i, n);
        double average = sma(x, i, n);
        double deviations = 0;
        for (int k = from; k <= i; k++) deviations = deviations + Math.abs(x[k] - average);
        return deviations / (i - from + 1);
    }

    /** HighestValueIndicator(x, n) at i (x without NaN): the newest of the largest values. */
    static double highest(double[] x, int i, int n) {
        double highest = x[i];
        for (int k = i - 1, from = start(i, n); k >= from; k--) if (highest < x[k]) highest = x[k];
        return highest;
    }

    /** LowestValueIndicator(x, n) at i (x without NaN). */
    static double lowest(double[] x, int i, int n) {
        double lowest = x[i];
        for (int k = i - 1, from = start(i, n); k >= from; k--) if (lowest > x[k]) lowest = x[k];
        return lowest;
    }
}
