package autotrader.rules;

import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static autotrader.rules.RulesFixtures.batch;
import static autotrader.rules.RulesFixtures.buy;
import static autotrader.rules.RulesFixtures.midday;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed rules/ compiled by Drools, one behaviour per test, with the edges of each threshold. */
class DefaultRulesTest {

    private static RuleCompiler.Result compiled;

    @BeforeAll
    static void compile() {
        compiled = RuleCompiler.compile(RuleSource.read(RulesFixtures.committedRules()));
        assertTrue(compiled.ok(), () -> "committed rules do not compile: " + compiled.problems());
    }

    private static Evaluation run(RuleBatch batch) {
        return run(batch, RulesFixtures.risk());
    }

    private static Evaluation run(RuleBatch batch, AppConfig.Risk risk) {
        // The skill gate has its own tests (SkillGateTest); here every batch comes from a model with skill.
        return new RuleEvaluator(compiled.kieBase(), compiled.version(), risk).evaluate(RulesFixtures.skilled(batch));
    }

    private static void assertRejected(Evaluation e, String symbol, String rule) {
        RejectedSignal r = e.rejectionOf(symbol);
        assertNotNull(r, () -> symbol + " was not rejected: " + e.intents());
        assertEquals(rule, r.rule(), () -> symbol + ": " + r);
        assertNull(e.intentFor(symbol));
    }

    @Test
    void confidenceExactlyAtTheBarPassesAndJustBelowFails() {
        Evaluation e = run(batch(buy("AT", 0.7), buy("BELOW", 0.6999)));
        assertNotNull(e.intentFor("AT"));
        assertRejected(e, "BELOW", "confidence below minimum");
        assertTrue(e.rejectionOf("BELOW").reason().contains("0.6999"));
    }

    @Test
    void riskScoreSixPassesSevenFails() {
        Evaluation e = run(batch(buy("SIX", 0.8, 6, 100), buy("SEVEN", 0.8, 7, 100)));
        assertNotNull(e.intentFor("SIX"));
        assertRejected(e, "SEVEN", "risk score above maximum");
    }

    @Test
    void sellAndHoldAreNotEntries() {
        Evaluation e = run(batch(new Signal("S", "SELL", 0.95, 2, 50), new Signal("H", "HOLD", 0.95, 2, 50)));
        assertTrue(e.intents().isEmpty());
        assertRejected(e, "S", "not a BUY");
        assertRejected(e, "H", "not a BUY");
        assertEquals("not a BUY (SELL)", e.rejectionOf("S").reason());
    }

    @Test
    void stopIsTwoSigmaBelowEntryAndTakeProfitHasMinimumRewardRisk() {
        Signal s = buy("AAPL", 0.8);        // price 100, 1 % per 1h bar, +1 % expected
        TradeIntent t = run(batch(s)).intentFor("AAPL");
        assertEquals(98.00, t.stopLoss(), 1e-9);      // 100 * (1 - 2 * 0.01)
        assertEquals(103.00, t.takeProfit(), 1e-9);   // +1 % is less than 1.5 x 2.00 risk, so 100 + 3
        assertEquals("MARKET", t.entryType());
        assertEquals(0, t.trailingStopPct());
        assertEquals(List.of("rank by confidence", "stop: k sigma below entry", "take-profit: expected return, minimum reward:risk",
                "size: risk per trade", "size: cap at max position", "size: take buying power from the batch"), t.firedRules());
        assertEquals(compiled.version().label(), t.rulesVersion());
    }

    @Test
    void takeProfitFollowsALargeExpectedReturn() {
        Signal s = buy("BIG", 0.8);
        s.setExpectedReturn(5.0);
        assertEquals(105.00, run(batch(s)).intentFor("BIG").takeProfit(), 1e-9);
    }

    @Test
    void stopDistanceIsScaledByHorizonBarsAndClamped() {
        Signal calm = buy("CALM", 0.8);
        calm.setForecastVolatility(0.001);    // 0.2 % -> floor 0.5 %
        Signal wild = buy("WILD", 0.8);
        wild.setForecastVolatility(0.10);     // 20 % -> ceiling 8 %
        Signal multi = buy("MULTI", 0.8);
        multi.setForecastVolatility(0.005);
        multi.setHorizonBars(4);              // 0.5 % * sqrt(4) = 1 % -> 2 sigma = 2 %
        Evaluation e = run(batch(calm, wild, multi));
        assertEquals(99.50, e.intentFor("CALM").stopLoss(), 1e-9);
        assertEquals(92.00, e.intentFor("WILD").stopLoss(), 1e-9);
        assertEquals(98.00, e.intentFor("MULTI").stopLoss(), 1e-9);
    }

    @Test
    void noVolatilityForecastMeansNoTrade() {
        Signal s = buy("NOVOL", 0.8);
        s.setForecastVolatility(Double.NaN);
        assertRejected(run(batch(s)), "NOVOL", "stop: no volatility forecast");
    }

    @Test
    void maxPositionCapsTheRiskBasedSize() {
        // 1 % of 100k at risk over a 2.00 stop distance = 500 shares; 10 % of equity at 100 = 100 shares.
        TradeIntent t = run(batch(buy("AAPL", 0.8))).intentFor("AAPL");
        assertEquals(100, t.quantity());
        assertTrue(t.firedRules().contains("size: cap at max position"));
    }

    @Test
    void riskPerTradeBindsWhenTheMaxPositionIsLoose() {
        AppConfig.Risk loose = RulesFixtures.risk();
        loose.maxPositionPct = 0.60;
        TradeIntent t = run(batch(buy("AAPL", 0.8)), loose).intentFor("AAPL");
        assertEquals(500, t.quantity());
        assertEquals(1000.0, t.riskAmount(), 1e-6);
        assertTrue(!t.firedRules().contains("size: cap at max position"));
    }

    @Test
    void buyingPowerIsSharedAcrossTheBatchInRankOrder() {
        Account account = new Account(100_000, 15_000, 15_000, 0, 0);
        RuleBatch b = RuleBatch.of(List.of(buy("THIRD", 0.75), buy("FIRST", 0.9), buy("SECOND", 0.8)), account, midday());
        Evaluation e = run(b);
        assertEquals(100, e.intentFor("FIRST").quantity());   // 10 000 of 15 000
        assertEquals(50, e.intentFor("SECOND").quantity());   // the 5 000 left
        assertTrue(e.intentFor("SECOND").firedRules().contains("size: cap at buying power left in the batch"));
        assertRejected(e, "THIRD", "size: below one share");
    }

    @Test
    void dailyLossLimitReachedStopsNewEntries() {
        Account atLimit = new Account(97_000, 97_000, 97_000, 0, -3_000);      // -3.00 % of the 100k start
        Account justAbove = new Account(97_001, 97_001, 97_001, 0, -2_999);
        assertRejected(run(RuleBatch.of(List.of(buy("A", 0.9)), atLimit, midday())), "A", "daily loss limit reached");
        assertNotNull(run(RuleBatch.of(List.of(buy("A", 0.9)), justAbove, midday())).intentFor("A"));
    }

    @Test
    void noEntriesAtMaxOpenPositionsAndOnlyTheFreeSlotsAreFilled() {
        Account full = new Account(100_000, 50_000, 50_000, 10, 0);
        assertRejected(run(RuleBatch.of(List.of(buy("A", 0.9)), full, midday())), "A", "max open positions reached");

        Account eightOpen = new Account(100_000, 50_000, 50_000, 8, 0);
        Evaluation e = run(RuleBatch.of(List.of(buy("A", 0.71), buy("B", 0.9), buy("C", 0.8), buy("D", 0.75)), eightOpen, midday()));
        assertEquals(List.of("B", "C"), e.intents().stream().map(TradeIntent::symbol).toList());
        assertRejected(e, "D", "keep within open-position slots");
        assertRejected(e, "A", "keep within open-position slots");
    }

    @Test
    void noSecondPositionInTheSameSymbol() {
        RuleBatch b = batch(buy("AAPL", 0.9), buy("MSFT", 0.9)).withPositions(List.of(new Position("AAPL", 10, 95, 93)));
        Evaluation e = run(b);
        assertRejected(e, "AAPL", "already holding this symbol");
        assertNotNull(e.intentFor("MSFT"));
    }

    @Test
    void onlyTheBestOfTwoSignalsForOneSymbolIsKept() {
        Evaluation e = run(batch(buy("AAPL", 0.8), buy("AAPL", 0.9)));
        assertEquals(1, e.intents().size());
        assertEquals(0.9, e.intents().get(0).confidence());
        assertEquals("one entry per symbol per batch", e.rejections().get(0).rule());
    }

    @Test
    void coolDownLastsOneFullSessionOfTradingTime() {
        MarketCalendar cal = MarketCalendar.nyse();
        Instant stoppedAt = ny(2025, 3, 11, 10, 0);
        Instant nextMorning = ny(2025, 3, 12, 9, 45);     // 360 + 15 = 375 trading minutes later
        Instant later = ny(2025, 3, 12, 10, 1);           // 391
        Evaluation blocked = run(RuleBatch.of(List.of(buy("AAPL", 0.9)), RulesFixtures.paper(), TradingTime.marketState(nextMorning, cal))
                .withStopOuts(List.of(TradingTime.stopOut("AAPL", stoppedAt, nextMorning, cal))));
        assertRejected(blocked, "AAPL", "cool-down after a stop-out");
        Evaluation allowed = run(RuleBatch.of(List.of(buy("AAPL", 0.9)), RulesFixtures.paper(), TradingTime.marketState(later, cal))
                .withStopOuts(List.of(TradingTime.stopOut("AAPL", stoppedAt, later, cal))));
        assertNotNull(allowed.intentFor("AAPL"));
    }

    @Test
    void topTenOfFifteenQualifyingSignalsByConfidence() {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 15; i++) signals.add(buy("S" + i, 0.71 + 0.01 * ((i * 7) % 15)));  // shuffled 0.71..0.85
        Account rich = new Account(1_000_000, 1_000_000, 1_000_000, 0, 0);
        Evaluation e = run(RuleBatch.of(signals, rich, midday()));
        assertEquals(10, e.intents().size());
        double worstKept = e.intents().stream().mapToDouble(TradeIntent::confidence).min().orElseThrow();
        assertEquals(0.76, worstKept, 1e-9);
        for (int k = 0; k < 10; k++) assertEquals(k + 1, e.intents().get(k).rank());
        assertEquals(0.85, e.intents().get(0).confidence(), 1e-9);
        assertEquals(5, e.rejections().size());
        e.rejections().forEach(r -> assertEquals("keep the top of the batch", r.rule()));
        e.rejections().forEach(r -> assertTrue(r.confidence() < 0.76));
    }

    @Test
    void confidenceTiesGoToTheEarlierSignal() {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 12; i++) signals.add(buy("T" + i, 0.8));
        Evaluation e = run(RuleBatch.of(signals, new Account(1_000_000, 1_000_000, 1_000_000, 0, 0), midday()));
        assertEquals(List.of("T0", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"), e.intents().stream().map(TradeIntent::symbol).toList());
    }

    @Test
    void fiftySignalsInOneBatch() {
        List<Signal> signals = RulesBench.syntheticBatch(50, 7);
        Evaluation e = run(RuleBatch.of(signals, RulesFixtures.paper(), midday()));
        assertEquals(50, e.intents().size() + e.rejections().size());
        assertTrue(e.intents().size() <= 10);
        double spent = e.intents().stream().mapToDouble(TradeIntent::positionValue).sum();
        assertTrue(spent <= 100_000 + 1e-6, "buying power overspent: " + spent);
    }

    private static Instant ny(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, MarketCalendar.NEW_YORK).toInstant();
    }
}
