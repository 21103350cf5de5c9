package autotrader.pipeline;

import autotrader.features.FeatureEngine;
import autotrader.market.Timeframe;
import autotrader.risk.RiskMetrics;
import autotrader.scan.Momentum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ensemble's input row for one candidate, built the same way for training, backtests and live:
 * the latest feature row of every timeframe (prefixed "5m." etc.), the scanner's values once, each
 * timeframe's predicted next-bar log return, and each timeframe's eight risk features. Predicted
 * prices are left out on purpose: they carry the stock's price level, which means nothing across
 * symbols; the return carries the same information scale-free. Missing values stay NaN.
 */
public final class DecisionInputs {

    private static final Set<String> SCANNER = Set.of("momentum_score", "scan_rsi", "scan_rvol", "scan_percent_change", "scan_trend_strength");
    private static final List<String> BAR_FEATURES = FeatureEngine.featureNames().stream().filter(n -> !SCANNER.contains(n)).toList();
    private static final int[] BAR_FEATURE_INDEX = BAR_FEATURES.stream().mapToInt(n -> FeatureEngine.featureNames().indexOf(n)).toArray();
    private static final List<String> COLUMNS = buildColumns();

    private DecisionInputs() {
    }

    public static List<String> columns() {
        return COLUMNS;
    }

    private static List<String> buildColumns() {
        List<String> c = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) for (String f : BAR_FEATURES) c.add(tf.label() + "." + f);
        c.addAll(List.of("momentum_score", "scan_rsi", "scan_rvol", "scan_percent_change", "scan_trend_strength"));
        for (Timeframe tf : Timeframe.values()) c.add(tf.label() + ".predicted_return");
        for (Timeframe tf : Timeframe.values()) for (String r : RiskMetrics.FEATURE_NAMES) c.add(tf.label() + ".risk." + r);
        return List.copyOf(c);
    }

    public static double[] row(Momentum m, Map<Timeframe, double[]> latestFeatures, Map<Timeframe, Double> predictedReturns,
                               Map<Timeframe, RiskMetrics> risk) {
        double[] out = new double[COLUMNS.size()];
        Arrays.fill(out, Double.NaN);
        int k = 0;
        for (Timeframe tf : Timeframe.values()) {
            double[] f = latestFeatures.get(tf);
            for (int idx : BAR_FEATURE_INDEX) out[k++] = f == null ? Double.NaN : f[idx];
        }
        if (m != null) {
            out[k] = m.score();
            out[k + 1] = m.rsi();
            out[k + 2] = m.rvol();
            out[k + 3] = m.percentChange();
            out[k + 4] = m.trendStrength();
        }
        k += 5;
        for (Timeframe tf : Timeframe.values()) {
            Double r = predictedReturns.get(tf);
            out[k++] = r == null ? Double.NaN : r;
        }
        for (Timeframe tf : Timeframe.values()) {
            RiskMetrics r = risk.get(tf);
            double[] v = r == null ? null : r.toArray();
            for (int i = 0; i < RiskMetrics.FEATURE_NAMES.size(); i++) out[k++] = v == null ? Double.NaN : v[i];
        }
        return out;
    }
}
