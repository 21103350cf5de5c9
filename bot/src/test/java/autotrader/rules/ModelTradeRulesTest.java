package autotrader.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static autotrader.rules.RulesFixtures.batch;
import static autotrader.rules.RulesFixtures.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stops.drl places the trade the model scored when the decision carries one (decision JSON "trade"). */
class ModelTradeRulesTest {

    private static RuleCompiler.Result compiled;

    @BeforeAll
    static void compile() {
        compiled = RuleCompiler.compile(RuleSource.read(RulesFixtures.committedRules()));
        assertTrue(compiled.ok(), () -> "committed rules do not compile: " + compiled.problems());
    }

    private static Evaluation run(RuleBatch batch) {
        return new RuleEvaluator(compiled.kieBase(), compiled.version(), RulesFixtures.risk()).evaluate(RulesFixtures.skilled(batch));
    }

    private static Signal withTrade(Signal s, double stopPct, double targetPct, int bars) {
        s.setTradeTimeframe("5m");
        s.setTradeStopPct(stopPct);
        s.setTradeTargetPct(targetPct);
        s.setTradeHoldBars(bars);
        return s;
    }

    @Test
    void theModelsStopTargetAndHoldingLimitAreTheIntents() {
        TradeIntent t = run(batch(withTrade(buy("AAPL", 0.8), 0.003, 0.006, 10))).intentFor("AAPL");
        assertNotNull(t);
        assertEquals(99.70, t.stopLoss(), 1e-9);     // 100 * (1 - 0.3 %), not the GARCH stop's 98.00
        assertEquals(100.60, t.takeProfit(), 1e-9);  // 100 * (1 + 0.6 %), not the minimum reward:risk
        assertEquals(10, t.holdBars());
        assertEquals("5m", t.holdTimeframe());
        assertTrue(t.firedRules().contains("stop and target: the trade the model scored"), t.firedRules()::toString);
        assertTrue(!t.firedRules().contains("stop: k sigma below entry"), t.firedRules()::toString);
        assertTrue(t.quantity() > 0);
    }

    @Test
    void withoutAModelTradeTheVolatilityStopStaysAndThereIsNoTimeExit() {
        TradeIntent t = run(batch(buy("AAPL", 0.8))).intentFor("AAPL");
        assertEquals(98.00, t.stopLoss(), 1e-9);
        assertEquals(0, t.holdBars());
        assertEquals("", t.holdTimeframe());
    }

    @Test
    void aStopTooWideOrTooCloseIsRefusedNotChanged() {
        Evaluation e = run(batch(withTrade(buy("WIDE", 0.8), 0.09, 0.18, 10), withTrade(buy("CLOSE", 0.8, 3, 1.00), 0.002, 0.004, 10)));
        assertNull(e.intentFor("WIDE"));
        assertTrue(e.rejectionOf("WIDE").reason().contains("wider than STOP_MAX_PCT"), e.rejectionOf("WIDE")::toString);
        assertEquals("stop and target: the trade the model scored", e.rejectionOf("WIDE").rule());
        assertNull(e.intentFor("CLOSE"));
        assertTrue(e.rejectionOf("CLOSE").reason().contains("less than a cent"), e.rejectionOf("CLOSE")::toString);
    }

    @Test
    void theDecisionJsonCarriesTheTrade() {
        String json = """
                {"symbol":"AAPL","decision":"BUY","confidence":0.8,"risk_score":3,"price":100,
                 "trade":{"timeframe":"5m","sigma":0.003,"stop_pct":0.3,"target_pct":0.6,"hold_bars":10}}""";
        Signal s = DecisionReader.parse("test", json).get(0);
        assertTrue(s.isModelTrade());
        assertEquals(0.003, s.getTradeStopPct(), 1e-12);
        assertEquals(0.006, s.getTradeTargetPct(), 1e-12);
        assertEquals(10, s.getTradeHoldBars());
        InputFormatException bad = assertThrows(InputFormatException.class, () -> DecisionReader.parse("test",
                json.replace("\"5m\"", "\"7m\"")));
        assertTrue(bad.getMessage().contains("trade.timeframe: unknown timeframe"), bad::getMessage);
        assertTrue(!DecisionReader.parse("test", "{\"symbol\":\"A\",\"decision\":\"HOLD\",\"confidence\":0.5,\"risk_score\":3}")
                .get(0).isModelTrade());
    }
}
