package autotrader.rules;

import autotrader.ensemble.Decision;
import autotrader.market.Timeframe;
import autotrader.pipeline.CycleDecision;
import autotrader.pipeline.DecisionWriter;
import autotrader.risk.RiskMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A non-finite risk value (no tail dependence without joint extremes, no beta or QQQ correlation
 * without benchmark bars) is a missing value: the decision JSON carries null, the rules read it as
 * missing and still decide the candidate. It used to be written as the token NaN, which no JSON reader
 * accepts, and the whole cycle's rules evaluation was lost (3 of 69 real intraday sessions).
 */
class MissingValuesTest {

    private static CycleDecision planted(double tailDependence, double beta, double corrQqq) {
        RiskMetrics m = new RiskMetrics(0.01, -0.02, -0.03, beta, 0.4, corrQqq, tailDependence, 1.1);
        return new CycleDecision("ABC", RulesFixtures.MIDDAY, 100.0, Decision.BUY, 0.9, 1.0, 4, Timeframe.H1, Map.of(), m, 4,
                new double[]{0.9, 0.05, 0.05}, 55.0);
    }

    @Test
    void aNaNRiskValueIsNullInTheJsonMissingInTheFactsAndTheCandidateIsStillDecided() throws Exception {
        String json = DecisionWriter.of(planted(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY)).toString();
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        JsonNode risk = new ObjectMapper().readTree(json).get("risk_metrics");
        assertTrue(risk.get("tail_dependence").isNull() && risk.get("beta").isNull() && risk.get("correlation_qqq").isNull(), json);
        assertEquals(0.4, risk.get("correlation_spy").asDouble());

        List<Signal> signals = DecisionReader.parse("planted", json);
        Signal s = signals.get(0);
        assertTrue(Double.isNaN(s.getTailDependence()) && Double.isNaN(s.getBeta()) && Double.isNaN(s.getCorrelationQqq()));
        assertEquals(0.01, s.getForecastVolatility());

        RuleCompiler.Result compiled = RuleCompiler.compile(RuleSource.read(RulesFixtures.committedRules()));
        assertTrue(compiled.ok(), () -> compiled.problems().toString());
        Evaluation e = new RuleEvaluator(compiled.kieBase(), compiled.version(), RulesFixtures.risk())
                .evaluate(RuleBatch.of(signals, RulesFixtures.paper(), RulesFixtures.midday()).withModelSkill(RulesFixtures.skilled()));
        assertNotNull(e.intentFor("ABC"), () -> "the candidate is decided with its missing values: " + e.rejections());
    }
}
