package autotrader.features;

import autotrader.market.Timeframe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.moment.Kurtosis;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;

/**
 * Returns, candle shape, distance to recent extremes, realised volatility and simple bar
 * patterns, computed on primitive arrays.
 * Candle ratios of a bar with high == low are 0: such a bar has no body and no wicks either.
 */
final class PriceFeatures {

    static final String GROUP = "price";
    private static final double SESSION_MINUTES = 390;

    private PriceFeatures() {
    }

    static List<FeatureDef> defs() {
        List<FeatureDef> d = new ArrayList<>();
        for (int lag : new int[] {1, 2, 3, 5, 10, 20}) {
            d.add(def("log_ret_" + lag, lag + 1, "log return", "ln(close / close[t-" + lag + "])",
                    w -> i -> Math.log(w.close[i] / w.close[i - lag])));
        }
        d.add(def("gap_open", 2, "log return", "ln(open / previous close)",
                w -> i -> Math.log(w.open[i] / w.close[i - 1])));
        d.add(def("session_gap", 2, "log return",
                "ln(open of the session's first bar / close of the previous session's last bar); NaN until a "
                        + "previous session is in the window; equals gap_open on 1d",
                w -> i -> {
                    int first = w.sessionFirstBar[i];
                    return first == 0 ? Double.NaN : Math.log(w.open[first] / w.close[first - 1]);
                }));
        d.add(def("body_ratio", 1, "-1..1", "(close - open) / (high - low)",
                w -> i -> candleRatio(w.close[i] - w.open[i], w, i)));
        d.add(def("upper_wick_ratio", 1, "0-1", "(high - max(open, close)) / (high - low)",
                w -> i -> candleRatio(w.high[i] - Math.max(w.open[i], w.close[i]), w, i)));
        d.add(def("lower_wick_ratio", 1, "0-1", "(min(open, close) - low) / (high - low)",
                w -> i -> candleRatio(Math.min(w.open[i], w.close[i]) - w.low[i], w, i)));
        d.add(def("range_pct", 1, "fraction of close", "(high - low) / close",
                w -> i -> (w.high[i] - w.low[i]) / w.close[i]));
        d.add(def("close_location", 1, "-1..1", "close location value ((close-low) - (high-close))/(high-low), ta4j",
                w -> { var clv = w.closeLocation(); return i -> clv[i]; }));
        for (int n : new int[] {10, 20, 50}) {
            d.add(def("dist_high_" + n, n, "ratio - 1", "close / highest high of the last " + n + " bars - 1",
                    w -> i -> w.close[i] / Rolling.max(w.high, i, n) - 1));
        }
        for (int n : new int[] {10, 20, 50}) {
            d.add(def("dist_low_" + n, n, "ratio - 1", "close / lowest low of the last " + n + " bars - 1",
                    w -> i -> w.close[i] / Rolling.min(w.low, i, n) - 1));
        }
        for (int n : new int[] {20, 50}) {
            d.add(def("range_position_" + n, n, "0-1", "(close - lowest low(" + n + ")) / (highest high(" + n + ") - lowest low)",
                    w -> i -> {
                        double lo = Rolling.min(w.low, i, n);
                        return Rolling.ratio(w.close[i] - lo, Rolling.max(w.high, i, n) - lo);
                    }));
        }
        for (int n : new int[] {10, 20}) {
            d.add(def("realized_vol_" + n, n + 1, "log return std dev per bar",
                    "sample std dev of the last " + n + " one-bar log returns",
                    w -> i -> Rolling.std(w.logReturn, i, n)));
        }
        d.add(def("parkinson_vol_20", 20, "log range std dev per bar",
                "Parkinson volatility sqrt(mean(ln(high/low)^2) / (4 ln 2)) over 20 bars",
                w -> i -> {
                    double s = 0;
                    for (int k = i - 19; k <= i; k++) {
                        double r = Math.log(w.high[k] / w.low[k]);
                        s += r * r;
                    }
                    return Math.sqrt(s / 20 / (4 * Math.log(2)));
                }));
        d.add(def("ret_skew_20", 21, "unitless", "bias-corrected skewness of the last 20 one-bar log returns",
                w -> i -> new Skewness().evaluate(w.logReturn, i - 19, 20)));
        d.add(def("ret_kurt_20", 21, "unitless", "bias-corrected excess kurtosis of the last 20 one-bar log returns",
                w -> i -> new Kurtosis().evaluate(w.logReturn, i - 19, 20)));
        d.add(def("close_zscore_20", 20, "z-score", "(close - SMA(20)) / sample std dev(20) of close",
                w -> i -> Rolling.ratio(w.close[i] - Rolling.mean(w.close, i, 20), Rolling.std(w.close, i, 20))));
        d.add(def("efficiency_ratio_10", 11, "0-1", "Kaufman efficiency |close - close[t-10]| / sum |close changes| over 10 bars",
                w -> i -> {
                    double path = 0;
                    for (int k = i - 9; k <= i; k++) path += Math.abs(w.close[k] - w.close[k - 1]);
                    return Rolling.ratio(Math.abs(w.close[i] - w.close[i - 10]), path);
                }));
        d.add(def("consecutive_up", 1, "bars", "number of consecutive closes above the previous close, ending at this bar "
                        + "(counted inside the window, so at most window - 1)",
                w -> i -> { int k = i; while (k > 0 && w.close[k] > w.close[k - 1]) k--; return i - k; }));
        d.add(def("consecutive_down", 1, "bars", "number of consecutive closes below the previous close, ending at this bar",
                w -> i -> { int k = i; while (k > 0 && w.close[k] < w.close[k - 1]) k--; return i - k; }));
        d.add(def("inside_bar", 2, "0/1", "1 when high <= previous high and low >= previous low",
                w -> i -> w.high[i] <= w.high[i - 1] && w.low[i] >= w.low[i - 1] ? 1 : 0));
        d.add(def("outside_bar", 2, "0/1", "1 when high > previous high and low < previous low",
                w -> i -> w.high[i] > w.high[i - 1] && w.low[i] < w.low[i - 1] ? 1 : 0));
        d.add(def("session_time_frac", 1, "0-1", "minutes from 09:30 New York to the bar's end / 390; intraday only (NaN on 1d)",
                w -> w.timeframe == Timeframe.D1 ? i -> Double.NaN
                        : i -> Duration.between(w.sessionOpen[i], w.end[i]).toMinutes() / SESSION_MINUTES));
        return d;
    }

    private static FeatureDef def(String name, int minBars, String units, String definition,
                                  Function<SeriesWindow, IntToDoubleFunction> binder) {
        return FeatureDef.of(name, GROUP, minBars, units, definition, binder);
    }

    private static double candleRatio(double part, SeriesWindow w, int i) {
        double range = w.high[i] - w.low[i];
        return range == 0 ? 0 : part / range;
    }
}
