package autotrader.risk;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Everything {@link RiskModel#assess} found for one candidate on one timeframe.
 *
 * @param metrics            the eight features
 * @param historicalVar95    empirical 95% VaR of the candidate's bar log returns (positive loss), NaN under 20 returns
 * @param historicalCvar95   empirical 95% CVaR, same convention
 * @param garchConverged     false when GARCH could not be fitted and the GARCH-based fields are sample-based fallbacks
 * @param returns            number of candidate log returns used
 * @param spy                dependence on SPY (aligned returns)
 * @param qqq                dependence on QQQ (aligned returns); its t-copula is not fitted (NaN nu and tail)
 * @param notes              why anything is missing or a fallback, empty when all went as planned
 * @param garchFit           the fit behind the GARCH fields, to warm-start the next assessment; null after a fallback
 */
public record RiskAssessment(
        RiskMetrics metrics,
        double historicalVar95,
        double historicalCvar95,
        boolean garchConverged,
        int returns,
        Dependence.Summary spy,
        Dependence.Summary qqq,
        List<String> notes,
        @JsonIgnore GarchFit garchFit) {}
