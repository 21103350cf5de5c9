package autotrader.features.ta4jref;

import static autotrader.features.ta4jref.SeriesWindow.value;

import autotrader.market.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.PVOIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.volume.AccumulationDistributionIndicator;
import org.ta4j.core.indicators.volume.ChaikinMoneyFlowIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.RelativeVolumeStandardDeviationIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.Num;

/**
 * Volume and volume-weighted price features. Cumulative lines (OBV, accumulation/distribution)
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
                    w -> volumeNormalisedChange(w, w.shared("obv", () -> new OnBalanceVolumeIndicator(w.series)), n)));
        }
        for (int n : new int[] {20, 50}) {
            d.add(def("vwap_dist_" + n, n, "ratio - 1", "close / rolling VWAP(" + n + ") of typical price - 1",
                    w -> { var vwap = new VWAPIndicator(w.series, n); return i -> w.close[i] / value(vwap, i) - 1; }));
        }
        d.add(def("session_vwap_dist", 1, "ratio - 1",
                "close / VWAP of typical price since the session's first bar - 1; intraday only (NaN on 1d)",
                VolumeFeatures::sessionVwapDistance));
        for (int n : new int[] {5, 20}) {
            d.add(def("volume_ratio_" + n, n, "ratio", "volume / SMA(" + n + ") of volume",
                    w -> { var avg = new SMAIndicator(new VolumeIndicator(w.series), n);
                           return i -> Rolling.ratio(w.volume[i], value(avg, i)); }));
        }
        d.add(def("volume_z_20", 20, "z-score", "(volume - SMA(20) of volume) / std dev(20) of volume",
                w -> indicator(new RelativeVolumeStandardDeviationIndicator(w.series, 20))));
        d.add(def("log_volume_change_1", 2, "log ratio", "ln(volume / previous volume); NaN when either is 0",
                w -> i -> w.volume[i] > 0 && w.volume[i - 1] > 0 ? Math.log(w.volume[i] / w.volume[i - 1]) : Double.NaN));
        d.add(def("mfi_14", 15, "0-100", "money flow index(14): volume-weighted RSI of typical price",
                w -> indicator(new MoneyFlowIndexIndicator(w.series, 14))));
        d.add(def("cmf_20", 20, "-1..1", "Chaikin money flow(20): sum(CLV * volume) / sum(volume)",
                w -> indicator(new ChaikinMoneyFlowIndicator(w.series, 20))));
        for (int n : new int[] {10, 20}) {
            d.add(def("ad_slope_" + n, n + 1, "-1..1", "(A/D line - A/D[t-" + n + "]) / volume of the last " + n + " bars",
                    w -> volumeNormalisedChange(w, accumulationDistribution(w), n)));
        }
        d.add(def("chaikin_osc_norm", 10, "ratio", "Chaikin oscillator(3, 10) of the A/D line / SMA(10) of volume",
                w -> {
                    // ta4j's ChaikinOscillatorIndicator builds two more A/D lines; same EMAs on the shared one.
                    var ad = accumulationDistribution(w);
                    var fast = new EMAIndicator(ad, 3);
                    var slow = new EMAIndicator(ad, 10);
                    var avg = new SMAIndicator(new VolumeIndicator(w.series), 10);
                    return i -> Rolling.ratio(value(fast, i) - value(slow, i), value(avg, i));
                }));
        d.add(def("pvo_12_26", 26, "percent", "percentage volume oscillator 100*(EMA(12) - EMA(26))/EMA(26) of volume",
                w -> indicator(new PVOIndicator(w.series, 12, 26))));
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

    private static IntToDoubleFunction indicator(Indicator<Num> indicator) {
        return i -> value(indicator, i);
    }

    private static IntToDoubleFunction volumeNormalisedChange(SeriesWindow w, Indicator<Num> line, int n) {
        return i -> Rolling.ratio(value(line, i) - value(line, i - n), Rolling.sum(w.volume, i, n));
    }

    private static AccumulationDistributionIndicator accumulationDistribution(SeriesWindow w) {
        return w.shared("ad", () -> new AccumulationDistributionIndicator(w.series));
    }

    private static IntToDoubleFunction sessionVwapDistance(SeriesWindow w) {
        if (w.timeframe == Timeframe.D1) return i -> Double.NaN;
        return i -> {
            double priceVolume = 0, volume = 0;
            for (int k = w.sessionFirstBar[i]; k <= i; k++) {
                double typical = (w.high[k] + w.low[k] + w.close[k]) / 3;
                priceVolume += typical * w.volume[k];
                volume += w.volume[k];
            }
            return volume == 0 ? Double.NaN : w.close[i] / (priceVolume / volume) - 1;
        };
    }
}
