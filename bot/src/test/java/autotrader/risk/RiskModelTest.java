package autotrader.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autotrader.market.Bar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskModelTest {

    private final RiskModel model = new RiskModel();

    @Test
    void computesAllEightFeatures() {
        SyntheticBars bars = new SyntheticBars(500, 1.5, 1);
        RiskAssessment a = model.assess(bars.candidate, bars.spy, bars.qqq);
        RiskMetrics m = a.metrics();
        assertTrue(a.garchConverged(), a.notes().toString());
        for (double v : m.toArray()) assertTrue(Double.isFinite(v), m.toString());
        assertEquals(1.5, m.beta(), 0.25);
        assertTrue(m.correlationSpy() > 0.3 && m.correlationQqq() > 0.3, m.toString());
        assertTrue(m.forecastVolatility() > 0.0005 && m.forecastVolatility() < 0.01, m.toString());
        assertTrue(m.var95() > 0 && m.cvar95() > m.var95(), m.toString());
        assertTrue(a.historicalVar95() > 0 && a.historicalCvar95() >= a.historicalVar95());
        assertTrue(m.tailDependence() >= 0 && m.tailDependence() <= 1);
        assertTrue(m.volRegime() > 0.2 && m.volRegime() < 5);
        assertEquals(499, a.returns());
        assertNotNull(a.garchFit());
    }

    @Test
    void noLookAheadFutureBarsDoNotChangeTheMetrics() {
        SyntheticBars bars = new SyntheticBars(300, 1.0, 2);
        int t = 200;
        Instant asOf = bars.candidate.get(t - 1).end();
        RiskAssessment past = model.assess(bars.candidate.subList(0, t), bars.spy.subList(0, t), bars.qqq.subList(0, t));
        RiskAssessment withFuture = model.assess(bars.candidate, bars.spy, bars.qqq, asOf, null);
        assertEquals(past.metrics(), withFuture.metrics());
        assertEquals(past.historicalVar95(), withFuture.historicalVar95());
        // benchmarks running ahead of the candidate do not leak either: alignment uses shared bar end times only
        RiskAssessment benchmarksAhead = model.assess(bars.candidate.subList(0, t), bars.spy, bars.qqq);
        assertEquals(past.metrics(), benchmarksAhead.metrics());
    }

    @Test
    void warmStartGivesTheSameMetrics() {
        SyntheticBars bars = new SyntheticBars(101, 1.0, 3);
        RiskAssessment previous = model.assess(bars.candidate.subList(0, 100), bars.spy.subList(0, 100), bars.qqq.subList(0, 100));
        List<Bar> c = bars.candidate.subList(1, 101), s = bars.spy.subList(1, 101), q = bars.qqq.subList(1, 101);
        RiskMetrics cold = model.assess(c, s, q).metrics();
        RiskMetrics warm = model.assess(c, s, q, null, previous.garchFit()).metrics();
        assertEquals(cold.forecastVolatility(), warm.forecastVolatility(), 1e-6 * cold.forecastVolatility());
        assertEquals(cold.var95(), warm.var95(), 1e-6 * cold.var95());
        assertEquals(cold.volRegime(), warm.volRegime(), 1e-4);
    }

    @Test
    void shortSeriesFallsBackToSampleEstimatesAndSaysSo() {
        SyntheticBars bars = new SyntheticBars(25, 1.0, 4);
        RiskAssessment a = model.assess(bars.candidate, bars.spy, bars.qqq);
        assertFalse(a.garchConverged());
        assertTrue(a.notes().stream().anyMatch(n -> n.contains("TOO_SHORT")), a.notes().toString());
        assertTrue(a.metrics().forecastVolatility() > 0);
        assertTrue(a.metrics().var95() > 0);
        assertTrue(Double.isNaN(a.metrics().volRegime()), "regime needs 40 returns without GARCH");
        assertTrue(Double.isFinite(a.metrics().tailDependence()), "24 aligned returns are enough for the copula");
        assertTrue(Double.isFinite(a.historicalVar95()));

        RiskAssessment tiny = model.assess(bars.candidate.subList(0, 2), bars.spy, bars.qqq);
        assertTrue(Double.isNaN(tiny.metrics().beta()) && Double.isNaN(tiny.metrics().tailDependence()));
        assertTrue(Double.isNaN(tiny.historicalVar95()));
        RiskAssessment none = model.assess(List.of(), List.of(), List.of());
        for (double v : none.metrics().toArray()) assertTrue(Double.isNaN(v), "missing is NaN, never 0");
    }

    @Test
    void alignsOnSharedBarEndTimes() {
        SyntheticBars bars = new SyntheticBars(200, 1.0, 5);
        List<Bar> gappy = new ArrayList<>(bars.candidate);
        for (int i = 150; i >= 10; i -= 10) gappy.remove(i);  // 15 bars missing from the candidate
        RiskAssessment a = model.assess(gappy, bars.spy, bars.qqq.subList(0, 100));
        assertEquals(184, a.spy().n());
        assertEquals(100 - 9 - 1, a.qqq().n());
        assertTrue(a.metrics().correlationSpy() > 0.2);
    }

    @Test
    void flatCandidateIsNotSilentlyZero() {
        SyntheticBars bars = new SyntheticBars(100, 1.0, 6);
        List<Bar> flat = new ArrayList<>();
        for (Bar b : bars.spy) flat.add(SyntheticBars.bar(b.start(), 10.0));
        RiskAssessment a = model.assess(flat, bars.spy, bars.qqq);
        assertFalse(a.garchConverged());
        assertEquals(0.0, a.metrics().forecastVolatility());
        assertTrue(Double.isNaN(a.metrics().correlationSpy()));
        assertTrue(Double.isNaN(a.metrics().volRegime()));
    }

    @Test
    void serialisesFeatureNames() throws Exception {
        SyntheticBars bars = new SyntheticBars(120, 1.0, 7);
        JsonNode node = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(model.assess(bars.candidate, bars.spy, bars.qqq)));
        for (String name : RiskMetrics.FEATURE_NAMES) assertTrue(node.get("metrics").has(name), name + " in " + node);
        assertFalse(node.has("garchFit"));
    }

    @Test
    void studentTModelGivesFatterCvar() {
        SyntheticBars bars = new SyntheticBars(400, 1.0, 8);
        RiskAssessment t = new RiskModel(GarchDistribution.STUDENT_T).assess(bars.candidate, bars.spy, bars.qqq);
        assertTrue(t.garchConverged(), t.notes().toString());
        assertTrue(t.metrics().cvar95() > t.metrics().var95());
    }
}
