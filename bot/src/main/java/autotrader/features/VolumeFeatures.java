package autotrader.features;

import static autotrader.features.Indicators.div;

import autotrader.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * Volume and volume-weighted price features, ta4j 0.17's where ta4j has them (same arithmetic, see
 * {@link Indicators}). Cumulative lines (OBV, accumulation/distribution)
 * have a level that depends on where the series starts and is in share units, so only their
 * change over n bars divided by the volume traded in those bars is used: a number in [-1, 1] for
 * OBV, and in [-1, 1] for A/D as well (each bar adds at most its own volume).
 */
final class VolumeFeatures {

    static final String GROUP = "volume";

    private VolumeFeatures() {
    }

    static List<FeatureDef> defs() {
        List<FeatureDef> d = new ArrayList<>();
        for (int n : new int[] {10, 20}) {
            d.add(def("obv_slope_" + n, n + 1, "-1..1", "(OBV - OBV[t-" + n + "]) / volume of the last " + n + " bars",
                    w -> volumeNormalisedChange(w, w.shared("obv", () -> Indicators.onBalanceVolume(w.close, w.volume)), n)));
        }
        for (int n : new int[] {20, 50}) {
            d.add(def("vwap_dist_" + n, n, "ratio - 1", "close / rolling VWAP(" + n + ") of typical price - 1",
                    w -> { var typical = w.typicalPrice(); return i -> w.close[i] / vwap(typical, w.volume, i, n) - 1; }));
        }
        d.add(def("session_vwap_dist", 1, "ratio - 1",
                "close / VWAP of typical price since the session's first bar - 1; intraday only (NaN on 1d)",
                VolumeFeatures::sessionVwapDistance));
        for (int n : new int[] {5, 20}) {
            d.add(def("volume_ratio_" + n, n, "ratio", "volume / SMA(" + n + ") of volume",
                    w -> i -> Rolling.ratio(w.volume[i], Indicators.sma(w.volume, i, n))));
        }
        d.add(def("volume_z_20", 20, "z-score", "(volume - SMA(20) of volume) / std dev(20) of volume",
                w -> i -> relativeVolumeDeviation(w.volume, i, 20)));
        d.add(def("log_volume_change_1", 2, "log ratio", "ln(volume / previous volume); NaN when either is 0",
                w -> i -> w.volume[i] > 0 && w.volume[i - 1] > 0 ? Math.log(w.volume[i] / w.volume[i - 1]) : Double.NaN));
        d.add(def("mfi_14", 15, "0-100", "money flow index(14): volume-weighted RSI of typical price",
                w -> { var typical = w.typicalPrice(); return i -> moneyFlowIndex(typical, w.volume, i, 14); }));
        d.add(def("cmf_20", 20, "-1..1", "Chaikin money flow(20): sum(CLV * volume) / sum(volume)",
                w -> { var clv = w.closeLocation(); return i -> chaikinMoneyFlow(clv, w.volume, i, 20); }));
        for (int n : new int[] {10, 20}) {
            d.add(def("ad_slope_" + n, n + 1, "-1..1", "(A/D line - A/D[t-" + n + "]) / volume of the last " + n + " bars",
                    w -> volumeNormalisedChange(w, accumulationDistribution(w), n)));
        }
        d.add(def("chaikin_osc_norm", 10, "ratio", "Chaikin oscillator(3, 10) of the A/D line / SMA(10) of volume",
                w -> {
                    // ta4j's ChaikinOscillatorIndicator: EMA(3) - EMA(10) of the A/D line.
                    var ad = accumulationDistribution(w);
                    var fast = Indicators.ema(ad, 3);
                    var slow = Indicators.ema(ad, 10);
                    return i -> Rolling.ratio(fast[i] - slow[i], Indicators.sma(w.volume, i, 10));
                }));
        d.add(def("pvo_12_26", 26, "percent", "percentage volume oscillator 100*(EMA(12) - EMA(26))/EMA(26) of volume",
                w -> { var fast = Indicators.ema(w.volume, 12); var slow = Indicators.ema(w.volume, 26); return i -> div(fast[i] - slow[i], slow[i]) * 100; }));
        d.add(def("up_volume_share_20", 21, "0-1", "share of the last 20 bars' volume traded on bars that closed up",
                w -> i -> {
                    double up = 0, all = 0;
                    for (int k = i - 19; k <= i; k++) {
                        all += w.volume[k];
                        if (w.close[k] > w.close[k - 1]) up += w.volume[k];
                    }
                    return Rolling.ratio(up, all);
                }));
        d.add(def("volume_absret_corr_20", 21, "-1..1", "Pearson correlation over 20 bars of volume and |log return|",
                w -> {
                    double[] absReturn = new double[w.size()];
                    for (int k = 0; k < absReturn.length; k++) absReturn[k] = Math.abs(w.logReturn[k]);
                    return i -> Rolling.correlation(w.volume, absReturn, i, 20);
                }));
        return d;
    }

    private static FeatureDef def(String name, int minBars, String units, String definition,
                                  Function<SeriesWindow, IntToDoubleFunction> binder) {
        return FeatureDef.of(name, GROUP, minBars, units, definition, binder);
    }

    private static IntToDoubleFunction volumeNormalisedChange(SeriesWindow w, double[] line, int n) {
        return i -> Rolling.ratio(line[i] - line[i - n], Rolling.sum(w.volume, i, n));
    }

    private static double[] accumulationDistribution(SeriesWindow w) {
        return w.shared("ad", () -> Indicators.accumulationDistribution(w.closeLocation(), w.volume));
    }

    /** VWAPIndicator(n): sum(typical price * volume) / sum(volume) over the last n bars; the typical price at index 0. */
    private static double vwap(double[] typical, double[] volume, int i, int n) {
        if (i <= 0) return typical[i];
        double priceVolume = 0, totalVolume = 0;
        for (int k = Indicators.start(i, n); k <= i; k++) {
            priceVolume = priceVolume + typical[k] * volume[k];
            totalVolume = totalVolume + volume[k];
        }
        return div(priceVolume, totalVolume);
    }

    /** RelativeVolumeStandardDeviationIndicator(n): (volume - SMA(n)) / std dev(n); NaN before index n. */
    private static double relativeVolumeDeviation(double[] volume, int i, int n) {
        if (i < n) return Double.NaN;
        return div(volume[i] - Indicators.sma(volume, i, n), Indicators.standardDeviation(volume, i, n));
    }

    /** MoneyFlowIndexIndicator(n): 100 - 100 / (1 + max(up flow, 1) / max(down flow, 1)); NaN before index n. */
    private static double moneyFlowIndex(double[] typical, double[] volume, int i, int n) {
        if (i < n) return Double.NaN;
        double positive = 0, negative = 0;
        for (int k = Indicators.start(i, n); k <= i; k++) {
            double flow = typical[k] * volume[k];
            // the previous bar's typical price; ta4j's comparison with a missing one (k = 0) is false
            if (k > 0 && typical[k] > typical[k - 1]) positive = positive + flow;
            else if (k > 0 && typical[k] < typical[k - 1]) negative = negative + flow;
        }
        double ratio = Math.max(positive, 1) / Math.max(negative, 1);
        return 100 - 100 / (1 + ratio);
    }

    /** ChaikinMoneyFlowIndicator(n): sum(CLV * volume) / sum(volume) over the last n bars. */
    private static double chaikinMoneyFlow(double[] closeLocation, double[] volume, int i, int n) {
        double moneyFlowVolume = 0;
        for (int k = Indicators.start(i, n); k <= i; k++) moneyFlowVolume = moneyFlowVolume + closeLocation[k] * volume[k];
        return div(moneyFlowVolume, Indicators.sum(volume, i, n));
    }

    private static IntToDoubleFunction sessionVwapDistance(SeriesWindow w) {
        if (w.timeframe == Timeframe.D1) return i -> Double.NaN;
        double[] typical = w.typicalPrice();
        return i -> {
            double priceVolume = 0, volume = 0;
            for (int k = w.sessionFirstBar[i]; k <= i; k++) {
                priceVolume += typical[k] * w.volume[k];
                volume += w.volume[k];
            }
            return volume == 0 ? Double.NaN : w.close[i] / (priceVolume / volume) - 1;
        };
    }
}
