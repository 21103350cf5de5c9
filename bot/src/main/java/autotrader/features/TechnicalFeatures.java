package autotrader.features;

import static autotrader.features.Indicators.div;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * Classic indicators, with ta4j 0.17's definitions and arithmetic (see {@link Indicators}). Anything
 * in price units (MACD, ATR, moving averages, bands) is divided by the close or turned into a
 * distance (x / y - 1) so values compare across symbols. EMA- and Wilder-smoothed indicators are
 * seeded at the window's first bar; their minimum bars is the period (the point from which ta4j
 * treats them as formed).
 */
final class TechnicalFeatures {

    static final String GROUP = "technical";
    /** Bars over which average slopes are measured. */
    static final int SLOPE_BARS = 5;

    private TechnicalFeatures() {
    }

    static List<FeatureDef> defs() {
        List<FeatureDef> d = new ArrayList<>();
        for (int n : new int[] {7, 14, 21}) {
            d.add(def("rsi_" + n, n + 1, "0-100", "RSI(" + n + "), Wilder smoothing of close-to-close gains/losses",
                    w -> { var rsi = rsi(w, n); return i -> rsi[i]; }));
        }
        d.add(def("macd_pct", 26, "fraction of close", "MACD line EMA(12)-EMA(26) of close, divided by close",
                w -> { var m = macd(w); return i -> m[i] / w.close[i]; }));
        d.add(def("macd_signal_pct", 34, "fraction of close", "EMA(9) of the MACD line, divided by close",
                w -> { var s = macdSignal(w); return i -> s[i] / w.close[i]; }));
        d.add(def("macd_hist_pct", 34, "fraction of close", "MACD line minus signal line, divided by close",
                w -> { var m = macd(w); var s = macdSignal(w); return i -> (m[i] - s[i]) / w.close[i]; }));
        d.add(def("bb_percent_b_20", 20, "ratio (0 = lower band, 1 = upper band)",
                "Bollinger %B: (close - lower)/(upper - lower), SMA(20) +- 2 population std devs",
                TechnicalFeatures::percentB));
        d.add(def("bb_width_20", 20, "percent of middle band", "Bollinger width 100*(upper - lower)/middle, (20, 2)",
                TechnicalFeatures::bollingerWidth));
        d.add(def("atr_pct_14", 14, "fraction of close", "ATR(14) (Wilder) divided by close",
                w -> { var atr = atr14(w); return i -> atr[i] / w.close[i]; }));
        d.add(def("true_range_atr_ratio_14", 14, "ratio", "this bar's true range divided by ATR(14)",
                w -> { var tr = trueRange(w); var atr = atr14(w); return i -> Rolling.ratio(tr[i], atr[i]); }));
        d.add(def("adx_14", 28, "0-100", "ADX(14): Wilder average (14) of DX = 100*|+DI - -DI|/(+DI + -DI)",
                w -> { var adx = adx14(w); return i -> adx[i]; }));
        d.add(def("plus_di_14", 15, "0-100", "+DI(14) = 100 * Wilder average of +DM / ATR(14)",
                w -> { var di = plusDi14(w); return i -> di[i]; }));
        d.add(def("minus_di_14", 15, "0-100", "-DI(14) = 100 * Wilder average of -DM / ATR(14)",
                w -> { var di = minusDi14(w); return i -> di[i]; }));
        d.add(def("stoch_k_14", 14, "0-100", "stochastic %K(14): (close - lowest low)/(highest high - lowest low)",
                w -> i -> stochK(w, i)));
        d.add(def("stoch_d_14_3", 16, "0-100", "stochastic %D: SMA(3) of %K(14)",
                w -> i -> (0.0 + stochK(w, i - 2) + stochK(w, i - 1) + stochK(w, i)) / 3));
        d.add(def("cci_20", 20, "CCI points (typ. -300..300)", "CCI(20): (typical - SMA)/(0.015 * mean deviation)",
                TechnicalFeatures::cci20));
        d.add(def("williams_r_14", 14, "-100..0", "Williams %R(14)",
                w -> i -> williamsR(w, i, 14)));
        for (int n : new int[] {5, 10, 20}) {
            d.add(def("roc_" + n, n + 1, "percent", "rate of change 100*(close/close[t-" + n + "] - 1)",
                    w -> i -> div(w.close[i] - w.close[i - n], w.close[i - n]) * 100));
        }
        for (int n : new int[] {9, 21, 50}) {
            d.add(def("ema_dist_" + n, n, "ratio - 1", "close / EMA(" + n + ") - 1",
                    w -> { var ema = ema(w, n); return i -> w.close[i] / ema[i] - 1; }));
        }
        for (int n : new int[] {10, 20, 50}) {
            d.add(def("sma_dist_" + n, n, "ratio - 1", "close / SMA(" + n + ") - 1",
                    w -> i -> w.close[i] / Indicators.sma(w.close, i, n) - 1));
        }
        for (int n : new int[] {9, 21, 50}) {
            d.add(def("ema_slope_" + n, n + SLOPE_BARS, "ratio - 1", "EMA(" + n + ") / EMA(" + n + ")[t-5] - 1",
                    w -> { var ema = ema(w, n); return i -> ema[i] / ema[i - SLOPE_BARS] - 1; }));
        }
        for (int n : new int[] {20, 50}) {
            d.add(def("sma_slope_" + n, n + SLOPE_BARS, "ratio - 1", "SMA(" + n + ") / SMA(" + n + ")[t-5] - 1",
                    w -> i -> Indicators.sma(w.close, i, n) / Indicators.sma(w.close, i - SLOPE_BARS, n) - 1));
        }
        d.add(def("ema_spread_9_21", 21, "ratio - 1", "EMA(9) / EMA(21) - 1",
                w -> { var a = ema(w, 9); var b = ema(w, 21); return i -> a[i] / b[i] - 1; }));
        d.add(def("sma_spread_20_50", 50, "ratio - 1", "SMA(20) / SMA(50) - 1",
                w -> i -> Indicators.sma(w.close, i, 20) / Indicators.sma(w.close, i, 50) - 1));
        d.add(def("aroon_up_25", 26, "0-100", "Aroon up(25): 100*(25 - bars since highest high)/25",
                w -> i -> aroon(w.high, Indicators.highest(w.high, i, 26), i, 25)));
        d.add(def("aroon_down_25", 26, "0-100", "Aroon down(25): 100*(25 - bars since lowest low)/25",
                w -> i -> aroon(w.low, Indicators.lowest(w.low, i, 26), i, 25)));
        d.add(def("keltner_position_20", 20, "ratio (0 = lower, 1 = upper)",
                "(close - lower)/(upper - lower), Keltner channel EMA(20) of the close +- 2*ATR(10) (ta4j's middle line is on the close)",
                TechnicalFeatures::keltnerPosition));
        // Same arithmetic as ta4j's ChandelierExitLong/ShortIndicator, sharing one ATR(22) between both.
        d.add(def("chandelier_long_dist_22", 22, "ratio - 1", "close / Chandelier exit long (highest high(22) - 3*ATR(22)) - 1",
                w -> { var atr = atr22(w); return i -> w.close[i] / (Rolling.max(w.high, i, 22) - atr[i] * 3.0) - 1; }));
        d.add(def("chandelier_short_dist_22", 22, "ratio - 1", "close / Chandelier exit short (lowest low(22) + 3*ATR(22)) - 1",
                w -> { var atr = atr22(w); return i -> w.close[i] / (Rolling.min(w.low, i, 22) + atr[i] * 3.0) - 1; }));
        d.add(def("stoch_rsi_14", 28, "0-1", "stochastic RSI: (RSI(14) - lowest RSI(14) of 14 bars) / (highest - lowest)",
                TechnicalFeatures::stochasticRsi14));
        d.add(def("cmo_14", 15, "-100..100", "Chande momentum oscillator(14)",
                w -> i -> cmo(w, i, 14)));
        d.add(def("ulcer_index_14", 14, "percent", "Ulcer index(14): RMS of percent drawdowns from the 14-bar high",
                w -> i -> ulcerIndex(w.close, i, 14)));
        d.add(def("kama_dist_10", 30, "ratio - 1", "close / KAMA(10, 2, 30) - 1",
                w -> { var kama = Indicators.kama(w.close, 10, 2, 30); return i -> w.close[i] / kama[i] - 1; }));
        d.add(def("chop_14", 15, "0-100", "Choppiness index(14): 100*log10(sum ATR(1) / range)/log10(14)",
                w -> { var atr = atr(w, 1); return i -> chop(w, atr, i, 14); }));
        return d;
    }

    private static FeatureDef def(String name, int minBars, String units, String definition,
                                  Function<SeriesWindow, IntToDoubleFunction> binder) {
        return FeatureDef.of(name, GROUP, minBars, units, definition, binder);
    }

    static double[] ema(SeriesWindow w, int n) {
        return w.shared("ema" + n, () -> Indicators.ema(w.close, n));
    }

    /** MACDIndicator(close, 12, 26): EMA(12) - EMA(26). */
    private static double[] macd(SeriesWindow w) {
        return w.shared("macd", () -> {
            double[] fast = Indicators.ema(w.close, 12), slow = Indicators.ema(w.close, 26), macd = new double[w.size()];
            for (int j = 0; j < macd.length; j++) macd[j] = fast[j] - slow[j];
            return macd;
        });
    }

    private static double[] macdSignal(SeriesWindow w) {
        return w.shared("macdSignal", () -> Indicators.ema(macd(w), 9));
    }

    private static double[] trueRange(SeriesWindow w) {
        return w.shared("tr", () -> Indicators.trueRange(w.high, w.low, w.close));
    }

    /** ATRIndicator(n): Wilder average of the true range. */
    private static double[] atr(SeriesWindow w, int n) {
        return w.shared("atr" + n, () -> Indicators.mma(trueRange(w), n));
    }

    private static double[] atr14(SeriesWindow w) {
        return atr(w, 14);
    }

    private static double[] atr22(SeriesWindow w) {
        return atr(w, 22);
    }

    /*
     * The same formula as ta4j's RSIIndicator (Wilder averages of gains and losses; 0 or 100 when there
     * were no losses). HandCheckedValuesTest checks equality with RSIIndicator.
     */
    static double[] rsi(SeriesWindow w, int n) {
        return w.shared("rsi" + n, () -> {
            double[] gains = w.shared("gains", () -> Indicators.gains(w.close));
            double[] losses = w.shared("losses", () -> Indicators.losses(w.close));
            double[] averageGain = Indicators.mma(gains, n), averageLoss = Indicators.mma(losses, n), rsi = new double[w.size()];
            for (int j = 0; j < rsi.length; j++) {
                double gain = averageGain[j], loss = averageLoss[j];
                rsi[j] = loss == 0 ? (gain == 0 ? 0 : 100) : 100 - 100 / (1 + gain / loss);
            }
            return rsi;
        });
    }

    /** ta4j's StochasticRSIIndicator formula on the shared RSI(14). */
    private static IntToDoubleFunction stochasticRsi14(SeriesWindow w) {
        double[] rsi = rsi(w, 14);
        return i -> {
            double current = rsi[i], lowest = current, highest = current;
            for (int k = i - 13; k < i; k++) {
                lowest = Math.min(lowest, rsi[k]);
                highest = Math.max(highest, rsi[k]);
            }
            return Rolling.ratio(current - lowest, highest - lowest);
        };
    }

    /*
     * ta4j's ADX, +DI and -DI on one shared ATR(14) and DM averages: DI = 100 * Wilder average of the
     * directional movement / ATR (0 where the ATR is 0), DX = 100 * |+DI - -DI| / (+DI + -DI) (0 where
     * both are 0), ADX its Wilder average. HandCheckedValuesTest checks they equal ta4j's indicators.
     */
    static double[] plusDi14(SeriesWindow w) {
        return w.shared("plusDi14", () -> directionalIndex(w, true));
    }

    static double[] minusDi14(SeriesWindow w) {
        return w.shared("minusDi14", () -> directionalIndex(w, false));
    }

    /** PlusDMIndicator / MinusDMIndicator, averaged over 14 bars, over ATR(14). */
    private static double[] directionalIndex(SeriesWindow w, boolean plus) {
        double[] movement = new double[w.size()];
        for (int j = 1; j < movement.length; j++) {
            double upMove = w.high[j] - w.high[j - 1], downMove = w.low[j - 1] - w.low[j];
            if (plus) movement[j] = upMove > downMove && upMove > 0 ? upMove : 0;
            else movement[j] = downMove > upMove && downMove > 0 ? downMove : 0;
        }
        double[] averageMovement = Indicators.mma(movement, 14), atr = atr14(w), di = new double[movement.length];
        for (int j = 0; j < di.length; j++) di[j] = atr[j] == 0 ? 0 : averageMovement[j] / atr[j] * 100;
        return di;
    }

    static double[] adx14(SeriesWindow w) {
        double[] plus = plusDi14(w), minus = minusDi14(w), dx = new double[w.size()];
        for (int j = 0; j < dx.length; j++) {
            double p = plus[j], m = minus[j];
            dx[j] = p + m == 0 ? 0 : Math.abs(p - m) / (p + m) * 100;
        }
        return Indicators.mma(dx, 14);
    }

    /** StochasticOscillatorKIndicator(14): 100 * (close - lowest low) / (highest high - lowest low). */
    private static double stochK(SeriesWindow w, int i) {
        double highest = Indicators.highest(w.high, i, 14), lowest = Indicators.lowest(w.low, i, 14);
        return div(w.close[i] - lowest, highest - lowest) * 100;
    }

    /** WilliamsRIndicator(n): -100 * (highest high - close) / (highest high - lowest low). */
    private static double williamsR(SeriesWindow w, int i, int n) {
        double highest = Indicators.highest(w.high, i, n), lowest = Indicators.lowest(w.low, i, n);
        return div(highest - w.close[i], highest - lowest) * -100;
    }

    /** AroonUp/DownIndicator(n): 100 * (n - bars since the extreme of the last n + 1 bars) / n. */
    private static double aroon(double[] prices, double extreme, int i, int n) {
        int from = Math.max(0, i - n), barsSince = 0;
        for (int k = i; k > from && prices[k] != extreme; k--) barsSince++;
        return (double) (n - barsSince) / n * 100;
    }

    /** CMOIndicator(n): 100 * (gains - losses) / (gains + losses) over the last n changes. */
    private static double cmo(SeriesWindow w, int i, int n) {
        double[] gains = w.shared("gains", () -> Indicators.gains(w.close));
        double[] losses = w.shared("losses", () -> Indicators.losses(w.close));
        double sumOfGains = 0, sumOfLosses = 0;
        for (int k = Math.max(1, i - n + 1); k <= i; k++) {
            sumOfGains = sumOfGains + gains[k];
            sumOfLosses = sumOfLosses + losses[k];
        }
        return div(sumOfGains - sumOfLosses, sumOfGains + sumOfLosses) * 100;
    }

    /** UlcerIndexIndicator(n): root mean square of the percent drawdowns from the running high. */
    private static double ulcerIndex(double[] close, int i, int n) {
        int from = Indicators.start(i, n);
        double squaredAverage = 0, highest = close[from];
        for (int k = from; k <= i; k++) {
            if (close[k] > highest) highest = close[k];
            squaredAverage = squaredAverage + Math.pow(div(close[k] - highest, highest) * 100, 2);
        }
        return Math.sqrt(squaredAverage / (i - from + 1));
    }

    /** ChopIndicator(n, 100): 100 * log10(sum of ATR(1) over n bars / (highest high - lowest low)) / log10(n). */
    private static double chop(SeriesWindow w, double[] atr1, int i, int n) {
        double sum = atr1[i];
        for (int k = 1; k < n; k++) sum = sum + atr1[i - k];
        double a = div(sum, Indicators.highest(w.high, i, n) - Indicators.lowest(w.low, i, n));
        return 100 * Math.log10(a) / Math.log10(n);
    }

    /** CCIIndicator(20): (typical price - its SMA) / (0.015 * its mean deviation), 0 when that deviation is 0. */
    private static IntToDoubleFunction cci20(SeriesWindow w) {
        double[] typical = Indicators.typicalPrice(w.high, w.low, w.close);
        return i -> {
            double meanDeviation = Indicators.meanDeviation(typical, i, 20);
            return meanDeviation == 0 ? 0 : div(typical[i] - Indicators.sma(typical, i, 20), meanDeviation * 0.015);
        };
    }

    /** PercentBIndicator(close, 20, 2): (close - lower) / (upper - lower). */
    private static IntToDoubleFunction percentB(SeriesWindow w) {
        return i -> {
            Bands b = bollinger(w, i);
            return div(w.close[i] - b.lower, b.upper - b.lower);
        };
    }

    /** BollingerBandWidthIndicator (20, 2): 100 * (upper - lower) / middle. */
    private static IntToDoubleFunction bollingerWidth(SeriesWindow w) {
        return i -> {
            Bands b = bollinger(w, i);
            return div(b.upper - b.lower, b.middle) * 100;
        };
    }

    /** Bollinger bands (20, 2) at i: SMA(20) of the close +- 2 population standard deviations, as ta4j adds them. */
    private static Bands bollinger(SeriesWindow w, int i) {
        double middle = Indicators.sma(w.close, i, 20), deviation = Indicators.standardDeviation(w.close, i, 20);
        return new Bands(middle, middle + deviation * 2.0, middle - deviation * 2.0);
    }

    private record Bands(double middle, double upper, double lower) {
    }

    /** Keltner channel (ta4j's middle EMA(20) of the close, bands +- 2 * ATR(10)): position of the close in it. */
    private static IntToDoubleFunction keltnerPosition(SeriesWindow w) {
        double[] middle = Indicators.ema(w.close, 20), atr = atr(w, 10);
        return i -> {
            double upper = middle[i] + 2.0 * atr[i], lower = middle[i] - 2.0 * atr[i];
            return Rolling.ratio(w.close[i] - lower, upper - lower);
        };
    }
}
