package autotrader.ensemble;

import autotrader.risk.RiskMetrics;

import java.util.Arrays;

/**
 * A 1-10 risk score from the risk features (docs/ensemble.md). Four components in [0, 1], each
 * non-decreasing in its input, are averaged with weights over those that are available:
 * <ul>
 *   <li>volatility level, weight 0.4: the forecast volatility's percentile among a reference set (0..1)</li>
 *   <li>volatility regime, weight 0.2: (vol_regime - 0.5) / 1.5, clipped (0.5 or below = 0, 2 or above = 1)</li>
 *   <li>tail dependence with SPY, weight 0.2: the value itself, clipped to [0, 1]</li>
 *   <li>tail heaviness, weight 0.2: (cvar_95 / forecast_volatility - 2.0) / 1.5, clipped (2.06 is the normal's ratio)</li>
 * </ul>
 * score = 1 + round(9 x weighted mean). With no component available the score is 10: unknown risk is
 * treated as the highest.
 */
public record RiskScore(int score, double raw, double volLevel, double volRegime, double tailDependence, double tailHeaviness) {

    static final double W_LEVEL = 0.4;
    static final double W_REGIME = 0.2;
    static final double W_TAIL_DEPENDENCE = 0.2;
    static final double W_TAIL_HEAVINESS = 0.2;

    /**
     * @param forecastVolPercentile percentile (0..1) of this candidate's forecast volatility among a reference set on the
     *                              same timeframe, e.g. {@link #percentile} against the day's candidates; NaN if unknown
     */
    public static RiskScore of(RiskMetrics m, double forecastVolPercentile) {
        double level = clip(forecastVolPercentile);
        double regime = clip((m.volRegime() - 0.5) / 1.5);
        double tail = clip(m.tailDependence());
        double heaviness = m.forecastVolatility() > 0 ? clip((m.cvar95() / m.forecastVolatility() - 2.0) / 1.5) : Double.NaN;
        double[] c = {level, regime, tail, heaviness};
        double[] w = {W_LEVEL, W_REGIME, W_TAIL_DEPENDENCE, W_TAIL_HEAVINESS};
        double sum = 0, weight = 0;
        for (int i = 0; i < c.length; i++) {
            if (!Double.isNaN(c[i])) {
                sum += w[i] * c[i];
                weight += w[i];
            }
        }
        double raw = weight == 0 ? 1.0 : sum / weight;
        return new RiskScore(1 + (int) Math.round(9 * raw), raw, level, regime, tail, heaviness);
    }

    /** Share of the finite reference values at or below {@code value} (0..1); NaN when either is missing. */
    public static double percentile(double value, double[] reference) {
        if (!Double.isFinite(value)) return Double.NaN;
        double[] finite = Arrays.stream(reference).filter(Double::isFinite).toArray();
        if (finite.length == 0) return Double.NaN;
        long atOrBelow = Arrays.stream(finite).filter(v -> v <= value).count();
        return (double) atOrBelow / finite.length;
    }

    private static double clip(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.max(0, Math.min(1, v));
    }
}
