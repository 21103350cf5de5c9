package autotrader.ensemble;

import autotrader.market.Timeframe;
import autotrader.risk.RiskMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DecisionHelpersTest {

    static RiskMetrics metrics(double vol, double cvar, double tail, double regime) {
        return new RiskMetrics(vol, 1.6 * vol, cvar, 1.0, 0.5, 0.5, tail, regime);
    }

    @Test
    void riskScoreIsMonotoneInEveryInput() {
        double[] grid = {0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0};
        for (double pct : grid) {
            for (double tail : grid) {
                int previous = 0;
                for (double regime = 0.2; regime <= 3.0; regime += 0.2) {
                    int s = RiskScore.of(metrics(0.01, 0.025, tail, regime), pct).score();
                    assertTrue(s >= previous, "vol regime " + regime);
                    assertTrue(s >= 1 && s <= 10);
                    previous = s;
                }
            }
        }
        for (double regime = 0.5; regime <= 2.0; regime += 0.5) {
            int byPct = 0, byTail = 0, byCvar = 0;
            for (double x : grid) {
                int a = RiskScore.of(metrics(0.01, 0.025, 0.3, regime), x).score();
                int b = RiskScore.of(metrics(0.01, 0.025, x, regime), 0.5).score();
                int c = RiskScore.of(metrics(0.01, 0.02 + 0.02 * x, 0.3, regime), 0.5).score();
                assertTrue(a >= byPct && b >= byTail && c >= byCvar);
                byPct = a;
                byTail = b;
                byCvar = c;
            }
        }
    }

    @Test
    void riskScoreEndsAndMissingInputs() {
        assertEquals(1, RiskScore.of(metrics(0.01, 0.02, 0, 0.5), 0).score(), "calm on every count");
        assertEquals(10, RiskScore.of(metrics(0.01, 0.05, 1, 2.5), 1).score(), "worst on every count");
        RiskMetrics noTail = metrics(0.01, 0.02, Double.NaN, 0.5);
        assertEquals(1, RiskScore.of(noTail, 0).score(), "a missing component is left out, not counted as 0 or 1");
        RiskMetrics nothing = new RiskMetrics(Double.NaN, Double.NaN, Double.NaN, 1, 0, 0, Double.NaN, Double.NaN);
        assertEquals(10, RiskScore.of(nothing, Double.NaN).score(), "unknown risk is the highest");
        // by hand: level 0.5, regime (1.25 - 0.5)/1.5 = 0.5, tail 0.5, heaviness (0.0275/0.01 - 2)/1.5 = 0.5
        RiskScore mid = RiskScore.of(metrics(0.01, 0.0275, 0.5, 1.25), 0.5);
        assertEquals(0.5, mid.raw(), 1e-12);
        assertEquals(1 + Math.round(4.5), mid.score());
    }

    @Test
    void percentileAgainstAReferenceSet() {
        double[] ref = {0.01, 0.02, 0.03, Double.NaN, 0.04};
        assertEquals(0.5, RiskScore.percentile(0.02, ref));
        assertEquals(0.0, RiskScore.percentile(0.001, ref));
        assertEquals(1.0, RiskScore.percentile(0.05, ref));
        assertTrue(Double.isNaN(RiskScore.percentile(Double.NaN, ref)));
    }

    @Test
    void expectedReturnWeighsTheMoveByTheDirectionalProbabilities() {
        assertEquals((0.6 - 0.1) * 2.0, ExpectedReturn.percent(new double[] {0.1, 0.3, 0.6}, 2.0), 1e-12);
        assertEquals((0.6 - 0.1) * 2.0, ExpectedReturn.percent(new double[] {0.1, 0.3, 0.6}, -2.0), 1e-12, "magnitude only");
        assertEquals(-0.7 * 1.5, ExpectedReturn.percent(new double[] {0.8, 0.1, 0.1}, 1.5), 1e-12);
        assertEquals(0.0, ExpectedReturn.percent(new double[] {0, 1, 0}, 3.0));
    }

    @Test
    void timeHorizonPicksTheBestReturnPerUnitOfVolatility() {
        Map<Timeframe, Double> r = Map.of(Timeframe.M5, 0.2, Timeframe.H1, 0.9, Timeframe.D1, 2.0, Timeframe.M30, -1.0);
        Map<Timeframe, Double> vol = Map.of(Timeframe.M5, 0.1, Timeframe.H1, 0.3, Timeframe.D1, 1.0, Timeframe.M30, 0.2);
        // ratios: 5m 2.0, 1h 3.0, 1d 2.0, 30m -5.0
        assertEquals(Timeframe.H1, TimeHorizon.best(Decision.BUY, r, vol).orElseThrow().timeframe());
        assertEquals(3.0, TimeHorizon.best(Decision.BUY, r, vol).orElseThrow().score(), 1e-12);
        assertEquals(Timeframe.M30, TimeHorizon.best(Decision.SELL, r, vol).orElseThrow().timeframe());
        assertEquals(Timeframe.M30, TimeHorizon.best(Decision.HOLD, r, vol).orElseThrow().timeframe(), "|r| / vol");
        Map<Timeframe, Double> badVol = Map.of(Timeframe.H1, 0.0, Timeframe.D1, Double.NaN);
        assertTrue(TimeHorizon.best(Decision.BUY, r, badVol).isEmpty());
    }
}
