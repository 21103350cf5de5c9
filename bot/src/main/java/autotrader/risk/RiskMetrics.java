package autotrader.risk;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eight risk features of one candidate on one timeframe. Units are per bar of that timeframe, returns are log
 * returns (fractions, not percent), and a value that could not be computed is NaN, never 0. See docs/risk.md.
 *
 * @param forecastVolatility mean over steps 1..5 of the GARCH forecast volatility sqrt(E[h_{T+k}]) (fraction per bar)
 * @param var95              GARCH-scaled 95% VaR of the next bar's log return, a positive loss fraction
 * @param cvar95             GARCH-scaled 95% CVaR (expected shortfall) of the next bar, a positive loss fraction
 * @param beta               OLS slope of candidate returns on SPY returns
 * @param correlationSpy     Pearson correlation with SPY returns
 * @param correlationQqq     Pearson correlation with QQQ returns
 * @param tailDependence     lower-tail dependence with SPY of the fitted Student-t copula
 * @param volRegime          forecastVolatility / sqrt(GARCH unconditional variance): above 1, volatility is above its
 *                           long-run level (a sample-based ratio when GARCH fell back, see {@link RiskAssessment})
 */
public record RiskMetrics(
        @JsonProperty("forecast_volatility") double forecastVolatility,
        @JsonProperty("var_95") double var95,
        @JsonProperty("cvar_95") double cvar95,
        @JsonProperty("beta") double beta,
        @JsonProperty("correlation_spy") double correlationSpy,
        @JsonProperty("correlation_qqq") double correlationQqq,
        @JsonProperty("tail_dependence") double tailDependence,
        @JsonProperty("vol_regime") double volRegime) {

    /** The feature names, in the order of the record components. */
    public static final List<String> FEATURE_NAMES = List.of("forecast_volatility", "var_95", "cvar_95", "beta",
            "correlation_spy", "correlation_qqq", "tail_dependence", "vol_regime");

    public double[] toArray() {
        return new double[] {forecastVolatility, var95, cvar95, beta, correlationSpy, correlationQqq, tailDependence, volRegime};
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] values = toArray();
        for (int i = 0; i < values.length; i++) m.put(FEATURE_NAMES.get(i), values[i]);
        return m;
    }
}
