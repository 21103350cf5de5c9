package autotrader.features.ta4jref;

import autotrader.scan.Momentum;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The scanner's own measurements, copied into every row so the models see why the symbol became a
 * candidate. They are the same for every bar of one call (the scanner measures "now"), and NaN when
 * no {@link Momentum} is given, e.g. when building training rows for history the scanner never saw.
 */
final class ScannerFeatures {

    static final String GROUP = "scanner";

    private ScannerFeatures() {
    }

    static List<FeatureDef> defs() {
        return List.of(
                def("momentum_score", "0-100", "scanner momentum score", Momentum::score),
                def("scan_rsi", "0-100", "scanner RSI(14) on daily closes, today's last price as close", Momentum::rsi),
                def("scan_rvol", "ratio", "scanner relative volume (projected session volume / 20-day average)", Momentum::rvol),
                def("scan_percent_change", "percent", "scanner % change of last price vs previous session close",
                        Momentum::percentChange),
                def("scan_trend_strength", "-1..1", "scanner trend strength", Momentum::trendStrength));
    }

    private static FeatureDef def(String name, String units, String definition, ToDoubleFunction<Momentum> field) {
        return FeatureDef.of(name, GROUP, 1, units, definition + " (constant per call; NaN without scanner values)", w -> {
            double v = w.momentum == null ? Double.NaN : field.applyAsDouble(w.momentum);
            return i -> v;
        });
    }
}
