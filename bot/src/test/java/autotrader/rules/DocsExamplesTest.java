package autotrader.rules;

import autotrader.alerts.Notifier;
import autotrader.market.MarketCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import static autotrader.rules.RulesFixtures.batch;
import static autotrader.rules.RulesFixtures.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked examples of docs/rules.md, applied to a copy of the rules and evaluated. */
class DocsExamplesTest {

    @TempDir
    Path tmp;
    Path rules;

    @BeforeEach
    void copy() throws Exception {
        rules = RulesFixtures.copyRules(tmp.resolve("rules"));
    }

    private void edit(String file, String from, String to) throws Exception {
        Path f = rules.resolve(file);
        String text = Files.readString(f);
        assertTrue(text.contains(from), file + " has no '" + from + "'");
        Files.writeString(f, text.replace(from, to));
    }

    private Evaluation run(RuleBatch b) {
        try (RuleEngine engine = RuleEngine.load(rules, RulesFixtures.risk(), Notifier.NONE)) {
            return engine.evaluate(RulesFixtures.skilled(b));
        }
    }

    @Test
    void raiseTheConfidenceBar() throws Exception {
        edit("filter.drl", "{ return 0.70; }", "{ return 0.80; }");
        Evaluation e = run(batch(buy("A", 0.79), buy("B", 0.80)));
        assertEquals("confidence below minimum", e.rejectionOf("A").rule());
        assertNotNull(e.intentFor("B"));
    }

    @Test
    void blockASymbolInANewFile() throws Exception {
        Files.writeString(rules.resolve("blocklist.drl"), """
                package rules;

                import autotrader.rules.Signal;
                import autotrader.rules.Rejection;

                rule "blocked symbol"
                    ruleflow-group "filter"
                    salience 200
                when
                    $s : Signal( symbol in ("GME", "AMC") )
                    not Rejection( signal == $s )
                then
                    insert(new Rejection($s, $s.getSymbol() + " is on the block list"));
                end
                """);
        Evaluation e = run(batch(buy("GME", 0.95), buy("AAPL", 0.8)));
        assertEquals("blocked symbol", e.rejectionOf("GME").rule());
        assertEquals("GME is on the block list", e.rejectionOf("GME").reason());
        assertNotNull(e.intentFor("AAPL"));
    }

    @Test
    void widenTheStop() throws Exception {
        edit("stops.drl", "STOP_SIGMAS()       { return 2.0; }", "STOP_SIGMAS()       { return 3.0; }");
        assertEquals(97.00, run(batch(buy("A", 0.8))).intentFor("A").stopLoss(), 1e-9);
    }

    @Test
    void noEntriesInTheLastHalfHour() throws Exception {
        String rule = """

                rule "no entries in the last 30 minutes"
                    ruleflow-group "filter"
                    salience 95
                when
                    $s : Signal( decision == "BUY" )
                    not Rejection( signal == $s )
                    MarketState( minutesToClose < 30 )
                then
                    insert(new Rejection($s, "too close to the close"));
                end
                """;
        Files.writeString(rules.resolve("filter.drl"), Files.readString(rules.resolve("filter.drl")) + rule);
        var cal = MarketCalendar.nyse();
        var late = ZonedDateTime.of(2025, 3, 12, 15, 45, 0, 0, MarketCalendar.NEW_YORK).toInstant();
        Evaluation e = run(RuleBatch.of(List.of(buy("A", 0.9)), RulesFixtures.paper(), TradingTime.marketState(late, cal)));
        assertEquals("no entries in the last 30 minutes", e.rejectionOf("A").rule());
        assertNotNull(run(batch(buy("A", 0.9))).intentFor("A"));   // 11:00 is fine
    }

    @Test
    void limitEntriesAndATrailingStop() throws Exception {
        edit("stops.drl", "LIMIT_OFFSET_PCT()  { return 0.0; }", "LIMIT_OFFSET_PCT()  { return 0.001; }");
        edit("stops.drl", "TRAILING_STOP_PCT() { return 0.0; }", "TRAILING_STOP_PCT() { return 0.03; }");
        TradeIntent t = run(batch(buy("A", 0.8))).intentFor("A");
        assertEquals("LIMIT", t.entryType());
        assertEquals(99.90, t.limitPrice(), 1e-9);
        assertEquals(99.90, t.entryPrice(), 1e-9);
        assertEquals(97.90, t.stopLoss(), 1e-9);     // 99.90 * 0.98 = 97.902
        assertEquals(0.03, t.trailingStopPct(), 1e-12);
        assertNotEquals(-1, t.firedRules().indexOf("entry: limit below the last price"));
    }

    @Test
    void rejectInsteadOfStretchingTheTarget() throws Exception {
        String rule = """

                rule "expected return below minimum reward:risk"
                    ruleflow-group "stops"
                    salience 75
                when
                    $p : TradePlan( stopLoss > 0, takeProfit == 0, $sig : signal )
                    eval( !($sig.getExpectedReturn() / 100.0 * $p.getEntryPrice() >= MIN_REWARD_RISK() * $p.getRiskPerShare()) )
                then
                    insert(new Rejection($sig, "expected return below " + MIN_REWARD_RISK() + " R"));
                    delete($p);
                end
                """;
        Files.writeString(rules.resolve("stops.drl"), Files.readString(rules.resolve("stops.drl")) + rule);
        Signal small = buy("SMALL", 0.8);     // +1 % expected vs 1.5 x 2 % risk
        Signal big = buy("BIG", 0.8);
        big.setExpectedReturn(3.0);           // exactly 1.5 R passes
        Evaluation e = run(batch(small, big));
        assertEquals("expected return below minimum reward:risk", e.rejectionOf("SMALL").rule());
        assertEquals(103.00, e.intentFor("BIG").takeProfit(), 1e-9);
    }

    @Test
    void aRuleWithoutAGroupRunsAfterAllPhases() throws Exception {
        Files.writeString(rules.resolve("last.drl"), """
                package rules;

                import autotrader.rules.TradePlan;
                import autotrader.rules.Rejection;

                rule "last word: no plan above 5 000"
                when
                    $p : TradePlan( funded, positionValue > 5000 )
                then
                    insert(new Rejection($p.getSignal(), "too big for today"));
                end
                """);
        Evaluation e = run(batch(buy("A", 0.8)));
        assertEquals("last word: no plan above 5 000", e.rejectionOf("A").rule());
        assertTrue(e.rejectionOf("A").firedRules().contains("size: take buying power from the batch"));
    }
}
