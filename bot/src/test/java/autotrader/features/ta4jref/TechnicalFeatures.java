package autotrader.features.ta4jref;

import static autotrader.features.ta4jref.SeriesWindow.value;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.CMOIndicator;
import org.ta4j.core.indicators.ChopIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.KAMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.UlcerIndexIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.MMAIndicator;
import org.ta4j.core.indicators.adx.MinusDMIndicator;
import org.ta4j.core.indicators.adx.PlusDMIndicator;
import org.ta4j.core.indicators.aroon.AroonDownIndicator;
import org.ta4j.core.indicators.aroon.AroonUpIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandWidthIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.GainIndicator;
import org.ta4j.core.indicators.helpers.LossIndicator;
import org.ta4j.core.indicators.helpers.TRIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelLowerIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelMiddleIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelUpperIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/**
 * Classic indicators, all from ta4j. Anything in price units (MACD, ATR, moving averages, bands)
 * is divided by the close or turned into a distance (x / y - 1) so values compare across symbols.
 * EMA- and Wilder-smoothed indicators are seeded at the window's first bar; their minimum bars is
 * the period (the point from which ta4j treats them as formed).
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
                    w -> rsi(w, n)));
        }
        d.add(def("macd_pct", 26, "fraction of close", "MACD line EMA(12)-EMA(26) of close, divided by close",
                w -> { var m = macd(w); return i -> value(m, i) / w.close[i]; }));
        d.add(def("macd_signal_pct", 34, "fraction of close", "EMA(9) of the MACD line, divided by close",
                w -> { var s = macdSignal(w); return i -> value(s, i) / w.close[i]; }));
        d.add(def("macd_hist_pct", 34, "fraction of close", "MACD line minus signal line, divided by close",
                w -> { var m = macd(w); var s = macdSignal(w); return i -> (value(m, i) - value(s, i)) / w.close[i]; }));
        d.add(def("bb_percent_b_20", 20, "ratio (0 = lower band, 1 = upper band)",
                "Bollinger %B: (close - lower)/(upper - lower), SMA(20) +- 2 population std devs",
                w -> indicator(new PercentBIndicator(w.closePrice, 20, 2.0))));
        d.add(def("bb_width_20", 20, "percent of middle band", "Bollinger width 100*(upper - lower)/middle, (20, 2)",
                w -> indicator(bollingerWidth(w))));
        d.add(def("atr_pct_14", 14, "fraction of close", "ATR(14) (Wilder) divided by close",
                w -> { var atr = atr14(w); return i -> value(atr, i) / w.close[i]; }));
        d.add(def("true_range_atr_ratio_14", 14, "ratio", "this bar's true range divided by ATR(14)",
                w -> { var tr = new TRIndicator(w.series); var atr = atr14(w);
                       return i -> Rolling.ratio(value(tr, i), value(atr, i)); }));
        d.add(def("adx_14", 28, "0-100", "ADX(14): Wilder average (14) of DX = 100*|+DI - -DI|/(+DI + -DI)",
                w -> indicator(adx14(w))));
        d.add(def("plus_di_14", 15, "0-100", "+DI(14) = 100 * Wilder average of +DM / ATR(14)",
                w -> { var di = plusDi14(w); return i -> di.applyAsDouble(i); }));
        d.add(def("minus_di_14", 15, "0-100", "-DI(14) = 100 * Wilder average of -DM / ATR(14)",
                w -> { var di = minusDi14(w); return i -> di.applyAsDouble(i); }));
        d.add(def("stoch_k_14", 14, "0-100", "stochastic %K(14): (close - lowest low)/(highest high - lowest low)",
                w -> indicator(stochK(w))));
        d.add(def("stoch_d_14_3", 16, "0-100", "stochastic %D: SMA(3) of %K(14)",
                w -> indicator(new StochasticOscillatorDIndicator(stochK(w)))));
        d.add(def("cci_20", 20, "CCI points (typ. -300..300)", "CCI(20): (typical - SMA)/(0.015 * mean deviation)",
                w -> indicator(new CCIIndicator(w.series, 20))));
        d.add(def("williams_r_14", 14, "-100..0", "Williams %R(14)",
                w -> indicator(new WilliamsRIndicator(w.series, 14))));
        for (int n : new int[] {5, 10, 20}) {
            d.add(def("roc_" + n, n + 1, "percent", "rate of change 100*(close/close[t-" + n + "] - 1)",
                    w -> indicator(new ROCIndicator(w.closePrice, n))));
        }
        for (int n : new int[] {9, 21, 50}) {
            d.add(def("ema_dist_" + n, n, "ratio - 1", "close / EMA(" + n + ") - 1",
                    w -> { var ema = ema(w, n); return i -> w.close[i] / value(ema, i) - 1; }));
        }
        for (int n : new int[] {10, 20, 50}) {
            d.add(def("sma_dist_" + n, n, "ratio - 1", "close / SMA(" + n + ") - 1",
                    w -> { var sma = sma(w, n); return i -> w.close[i] / value(sma, i) - 1; }));
        }
        for (int n : new int[] {9, 21, 50}) {
            d.add(def("ema_slope_" + n, n + SLOPE_BARS, "ratio - 1", "EMA(" + n + ") / EMA(" + n + ")[t-5] - 1",
                    w -> slope(ema(w, n))));
        }
        for (int n : new int[] {20, 50}) {
            d.add(def("sma_slope_" + n, n + SLOPE_BARS, "ratio - 1", "SMA(" + n + ") / SMA(" + n + ")[t-5] - 1",
                    w -> slope(sma(w, n))));
        }
        d.add(def("ema_spread_9_21", 21, "ratio - 1", "EMA(9) / EMA(21) - 1",
                w -> { var a = ema(w, 9); var b = ema(w, 21); return i -> value(a, i) / value(b, i) - 1; }));
        d.add(def("sma_spread_20_50", 50, "ratio - 1", "SMA(20) / SMA(50) - 1",
                w -> { var a = sma(w, 20); var b = sma(w, 50); return i -> value(a, i) / value(b, i) - 1; }));
        d.add(def("aroon_up_25", 26, "0-100", "Aroon up(25): 100*(25 - bars since highest high)/25",
                w -> indicator(new AroonUpIndicator(w.series, 25))));
        d.add(def("aroon_down_25", 26, "0-100", "Aroon down(25): 100*(25 - bars since lowest low)/25",
                w -> indicator(new AroonDownIndicator(w.series, 25))));
        d.add(def("keltner_position_20", 20, "ratio (0 = lower, 1 = upper)",
                "(close - lower)/(upper - lower), Keltner channel EMA(20) of typical price +- 2*ATR(10)",
                TechnicalFeatures::keltnerPosition));
        // Same arithmetic as ta4j's ChandelierExitLong/ShortIndicator, sharing one ATR(22) between both.
        d.add(def("chandelier_long_dist_22", 22, "ratio - 1", "close / Chandelier exit long (highest high(22) - 3*ATR(22)) - 1",
                w -> { var atr = atr22(w); return i -> w.close[i] / (Rolling.max(w.high, i, 22) - value(atr, i) * 3.0) - 1; }));
        d.add(def("chandelier_short_dist_22", 22, "ratio - 1", "close / Chandelier exit short (lowest low(22) + 3*ATR(22)) - 1",
                w -> { var atr = atr22(w); return i -> w.close[i] / (Rolling.min(w.low, i, 22) + value(atr, i) * 3.0) - 1; }));
        d.add(def("stoch_rsi_14", 28, "0-1", "stochastic RSI: (RSI(14) - lowest RSI(14) of 14 bars) / (highest - lowest)",
                TechnicalFeatures::stochasticRsi14));
        d.add(def("cmo_14", 15, "-100..100", "Chande momentum oscillator(14)",
                w -> indicator(new CMOIndicator(w.closePrice, 14))));
        d.add(def("ulcer_index_14", 14, "percent", "Ulcer index(14): RMS of percent drawdowns from the 14-bar high",
                w -> indicator(new UlcerIndexIndicator(w.closePrice, 14))));
        d.add(def("kama_dist_10", 30, "ratio - 1", "close / KAMA(10, 2, 30) - 1",
                w -> { var kama = new KAMAIndicator(w.closePrice, 10, 2, 30); return i -> w.close[i] / value(kama, i) - 1; }));
        d.add(def("chop_14", 15, "0-100", "Choppiness index(14): 100*log10(sum ATR(1) / range)/log10(14)",
                w -> indicator(new ChopIndicator(w.series, 14, 100))));
        return d;
    }

    private static FeatureDef def(String name, int minBars, String units, String definition,
                                  Function<SeriesWindow, IntToDoubleFunction> binder) {
        return FeatureDef.of(name, GROUP, minBars, units, definition, binder);
    }

    private static IntToDoubleFunction indicator(Indicator<Num> indicator) {
        return i -> value(indicator, i);
    }

    private static IntToDoubleFunction slope(Indicator<Num> average) {
        return i -> value(average, i) / value(average, i - SLOPE_BARS) - 1;
    }

    static EMAIndicator ema(SeriesWindow w, int n) {
        return w.shared("ema" + n, () -> new EMAIndicator(w.closePrice, n));
    }

    static SMAIndicator sma(SeriesWindow w, int n) {
        return w.shared("sma" + n, () -> new SMAIndicator(w.closePrice, n));
    }

    private static MACDIndicator macd(SeriesWindow w) {
        return w.shared("macd", () -> new MACDIndicator(w.closePrice, 12, 26));
    }

    private static EMAIndicator macdSignal(SeriesWindow w) {
        return w.shared("macdSignal", () -> new EMAIndicator(macd(w), 9));
    }

    private static ATRIndicator atr14(SeriesWindow w) {
        return w.shared("atr14", () -> new ATRIndicator(w.series, 14));
    }

    /*
     * The same formula as ta4j's RSIIndicator, but the three RSIs share one ta4j GainIndicator and
     * LossIndicator instead of building three pairs (every ta4j getValue is a synchronized call,
     * and they dominate the cost of latest()). HandCheckedValuesTest checks equality with RSIIndicator.
     */
    static IntToDoubleFunction rsi(SeriesWindow w, int n) {
        return w.shared("rsi" + n, () -> rsiOnSharedGains(w, n));
    }

    private static IntToDoubleFunction rsiOnSharedGains(SeriesWindow w, int n) {
        var gains = w.shared("gains", () -> new GainIndicator(w.closePrice));
        var losses = w.shared("losses", () -> new LossIndicator(w.closePrice));
        var averageGain = new MMAIndicator(gains, n);
        var averageLoss = new MMAIndicator(losses, n);
        return i -> {
            double gain = value(averageGain, i), loss = value(averageLoss, i);
            if (loss == 0) return gain == 0 ? 0 : 100;
            return 100 - 100 / (1 + gain / loss);
        };
    }

    /** ta4j's StochasticRSIIndicator formula on the shared RSI(14) (it would build its own RSI). */
    private static IntToDoubleFunction stochasticRsi14(SeriesWindow w) {
        IntToDoubleFunction rsi = rsi(w, 14);
        return i -> {
            double current = rsi.applyAsDouble(i), lowest = current, highest = current;
            for (int k = i - 13; k < i; k++) {
                double v = rsi.applyAsDouble(k);
                lowest = Math.min(lowest, v);
                highest = Math.max(highest, v);
            }
            return Rolling.ratio(current - lowest, highest - lowest);
        };
    }

    private static ATRIndicator atr22(SeriesWindow w) {
        return w.shared("atr22", () -> new ATRIndicator(w.series, 22));
    }

    /*
     * ta4j's ADX, +DI and -DI each build their own ATR and DM averages (ADX builds a second pair
     * of DIs), five ATR(14)s per window. These rebuild the same formulas from one shared set of
     * ta4j parts; HandCheckedValuesTest checks they equal ta4j's indicators.
     */
    static IntToDoubleFunction plusDi14(SeriesWindow w) {
        return w.shared("plusDi14", () -> directionalIndex(w, new MMAIndicator(new PlusDMIndicator(w.series), 14)));
    }

    static IntToDoubleFunction minusDi14(SeriesWindow w) {
        return w.shared("minusDi14", () -> directionalIndex(w, new MMAIndicator(new MinusDMIndicator(w.series), 14)));
    }

    private static IntToDoubleFunction directionalIndex(SeriesWindow w, MMAIndicator averageDm) {
        ATRIndicator atr = atr14(w);
        return i -> {
            double range = value(atr, i);
            return range == 0 ? 0 : value(averageDm, i) / range * 100;
        };
    }

    static MMAIndicator adx14(SeriesWindow w) {
        IntToDoubleFunction plus = plusDi14(w), minus = minusDi14(w);
        DoubleIndicator dx = new DoubleIndicator(w.series, 14, i -> {
            double p = plus.applyAsDouble(i), m = minus.applyAsDouble(i);
            return p + m == 0 ? 0 : Math.abs(p - m) / (p + m) * 100;
        });
        return new MMAIndicator(dx, 14);
    }

    private static StochasticOscillatorKIndicator stochK(SeriesWindow w) {
        return w.shared("stochK14", () -> new StochasticOscillatorKIndicator(w.series, 14));
    }

    private static BollingerBandWidthIndicator bollingerWidth(SeriesWindow w) {
        var middle = new BollingerBandsMiddleIndicator(sma(w, 20));
        var std = new StandardDeviationIndicator(w.closePrice, 20);
        var upper = new BollingerBandsUpperIndicator(middle, std, w.series.numOf(2));
        var lower = new BollingerBandsLowerIndicator(middle, std, w.series.numOf(2));
        return new BollingerBandWidthIndicator(upper, middle, lower);
    }

    private static IntToDoubleFunction keltnerPosition(SeriesWindow w) {
        var middle = new KeltnerChannelMiddleIndicator(w.closePrice, 20);
        var atr = new ATRIndicator(w.series, 10);
        var upper = new KeltnerChannelUpperIndicator(middle, atr, 2.0);
        var lower = new KeltnerChannelLowerIndicator(middle, atr, 2.0);
        return i -> {
            double lo = value(lower, i);
            return Rolling.ratio(w.close[i] - lo, value(upper, i) - lo);
        };
    }
}
