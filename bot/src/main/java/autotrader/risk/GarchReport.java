package autotrader.risk;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code garch} CLI command prints: a plain record Jackson serialises as it is. Estimates and standard
 * errors are keyed mu, omega, alpha, beta (and nu for Student-t), in the units of the input returns; a failed fit has
 * {@code converged = false}, empty estimates and the reason in {@code error}. Standard errors that could not be
 * computed are NaN, which Jackson writes as the string "NaN" by default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GarchReport(
        String model,
        String distribution,
        int n,
        boolean converged,
        int iterations,
        Double logLikelihood,
        Map<String, Double> estimates,
        Map<String, Double> standardErrors,
        Double persistence,
        Double unconditionalVariance,
        List<ForecastStep> forecast,
        String error) {

    public static final int FORECAST_STEPS = 5;

    /** One step of the variance forecast; volatility is its square root, both per bar in the returns' units. */
    public record ForecastStep(int step, double variance, double volatility) {}

    /** Fits and reports, turning a failure into a report rather than an exception. */
    public static GarchReport fit(double[] returns, GarchDistribution distribution) {
        try {
            return of(new GarchFitter(distribution).fit(returns));
        } catch (GarchFitException e) {
            return failed(distribution, returns == null ? 0 : returns.length, e);
        }
    }

    public static GarchReport of(GarchFit fit) {
        double[] variance = fit.forecastVariance(FORECAST_STEPS);
        List<ForecastStep> steps = new ArrayList<>(FORECAST_STEPS);
        for (int k = 0; k < FORECAST_STEPS; k++) steps.add(new ForecastStep(k + 1, variance[k], Math.sqrt(variance[k])));
        return new GarchReport("GARCH(1,1)", fit.distribution().name(), fit.n(), true, fit.iterations(),
                fit.logLikelihood(), asMap(fit.parameters(), fit.distribution()), asMap(fit.standardErrors(), fit.distribution()),
                fit.parameters().persistence(), fit.unconditionalVariance(), steps, null);
    }

    public static GarchReport failed(GarchDistribution distribution, int n, GarchFitException e) {
        return new GarchReport("GARCH(1,1)", distribution.name(), n, false, 0, null, Collections.emptyMap(),
                Collections.emptyMap(), null, null, Collections.emptyList(), e.reason() + ": " + e.getMessage());
    }

    private static Map<String, Double> asMap(GarchParameters p, GarchDistribution distribution) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mu", p.mu());
        m.put("omega", p.omega());
        m.put("alpha", p.alpha());
        m.put("beta", p.beta());
        if (distribution == GarchDistribution.STUDENT_T) m.put("nu", p.nu());
        return m;
    }
}
