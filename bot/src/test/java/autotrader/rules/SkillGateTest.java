package autotrader.rules;

import autotrader.alerts.Notifier;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.SkillRecord;
import autotrader.market.MarketCalendar;
import autotrader.testing.TestRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static autotrader.rules.RulesFixtures.buy;
import static autotrader.rules.RulesFixtures.midday;
import static autotrader.rules.RulesFixtures.paper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skill gate of the committed filter.drl: no BUY from a model without out-of-sample skill, with the reason. */
class SkillGateTest {

    private static RuleCompiler.Result compiled;

    @BeforeAll
    static void compile() {
        compiled = RuleCompiler.compile(RuleSource.read(RulesFixtures.committedRules()));
        assertTrue(compiled.ok(), () -> "committed rules do not compile: " + compiled.problems());
    }

    private static Evaluation run(ModelSkill model, Signal... signals) {
        RuleBatch b = RuleBatch.of(List.of(signals), paper(), midday());
        return new RuleEvaluator(compiled.kieBase(), compiled.version(), RulesFixtures.risk()).evaluate(model == null ? b : b.withModelSkill(model));
    }

    @Test
    void aLowSkillModelsBuysAreRefusedWithTheNumbers() {
        Evaluation e = run(RulesFixtures.skill(0.011, 1.4), buy("AAPL", 0.9), buy("MSFT", 0.75));
        assertTrue(e.intents().isEmpty(), () -> e.intents().toString());
        String reason = "model models/test lacks out-of-sample skill: IC t 1.40 < 3.00 (IC 0.011, held-out 2015-06-16..2016-01-13 (csv), "
                + "7,350 rows at 147 decision times)";
        for (String s : List.of("AAPL", "MSFT")) {
            assertEquals("model lacks out-of-sample skill", e.rejectionOf(s).rule());
            assertEquals(reason, e.rejectionOf(s).reason());
        }
        assertEquals(List.of(reason), e.entryBlocks());
    }

    @Test
    void aModelAtOrAboveTheFloorPasses() {
        Evaluation above = run(RulesFixtures.skill(0.031, 4.2), buy("AAPL", 0.9));
        assertNotNull(above.intentFor("AAPL"), () -> above.rejections().toString());
        assertTrue(above.entryBlocks().isEmpty());
        Evaluation atFloor = run(RulesFixtures.skill(0.02, 3.0), buy("AAPL", 0.9));
        assertNotNull(atFloor.intentFor("AAPL"), "3.0 itself passes");
        Evaluation justBelow = run(RulesFixtures.skill(0.02, 2.999), buy("AAPL", 0.9));
        assertEquals("model lacks out-of-sample skill", justBelow.rejectionOf("AAPL").rule());
    }

    @Test
    void aModelAboveTheIcFloorWhoseBuyCallsLostMoneyOutOfSampleIsRefusedWithTheNumbers() {
        // An IC t of 4.8 can come from ranking quiet names first while the names it buys lose (session 6's bugged daily model).
        SkillRecord losing = withBuyMean(RulesFixtures.record(0.133, 4.8), -0.0038);
        Evaluation e = run(ModelSkill.of("models/test", losing), buy("AAPL", 0.9));
        assertNull(e.intentFor("AAPL"));
        assertEquals("model lacks out-of-sample skill", e.rejectionOf("AAPL").rule());
        assertEquals("model models/test lacks out-of-sample skill: its BUY calls' mean net return -0.380 % over 900 calls is not above "
                + "0.000 % (IC 0.133, held-out 2015-06-16..2016-01-13 (csv), 7,350 rows at 147 decision times)", e.rejectionOf("AAPL").reason());
        Evaluation zero = run(ModelSkill.of("models/test", withBuyMean(RulesFixtures.record(0.05, 4.0), 0.0)), buy("AAPL", 0.9));
        assertNull(zero.intentFor("AAPL"), "a mean of exactly 0 does not pay: it must be above the floor");
        SkillRecord noBuys = new SkillRecord(losing.source(), losing.from(), losing.to(), losing.decisionTimes(), losing.rows(), losing.score(),
                0.05, 4.0, losing.neweyWestLag(), losing.icHitRate(), losing.topMinusBottom(), losing.roundTripCost(), 0, null, null, null, List.of());
        Evaluation none = run(ModelSkill.of("models/test", noBuys), buy("AAPL", 0.9));
        assertTrue(none.rejectionOf("AAPL").reason().contains("mean net return not measured over 0 calls"), none.rejectionOf("AAPL").reason());
        Evaluation paying = run(ModelSkill.of("models/test", withBuyMean(RulesFixtures.record(0.05, 4.0), 0.0001)), buy("AAPL", 0.9));
        assertNotNull(paying.intentFor("AAPL"), () -> paying.rejections().toString());
    }

    private static SkillRecord withBuyMean(SkillRecord r, double mean) {
        return new SkillRecord(r.source(), r.from(), r.to(), r.decisionTimes(), r.rows(), r.score(), r.ic(), r.icT(), r.neweyWestLag(),
                r.icHitRate(), r.topMinusBottom(), r.roundTripCost(), r.buyTrades(), r.buyWinRate(), mean, r.calibrationError(), r.buckets());
    }

    @Test
    void anUnknownSkillRefuses() {
        Evaluation e = run(ModelSkill.unknown("models/ensemble"), buy("AAPL", 0.9));
        assertNull(e.intentFor("AAPL"));
        assertEquals("model models/ensemble has no measured out-of-sample skill (its card has no skill record); BUYs are refused until it is measured",
                e.rejectionOf("AAPL").reason());
    }

    @Test
    void aTStatisticThatCouldNotBeComputedRefuses() {
        Evaluation e = run(RulesFixtures.skill(0.05, null), buy("AAPL", 0.9));
        assertEquals("model lacks out-of-sample skill", e.rejectionOf("AAPL").rule());
        assertTrue(e.rejectionOf("AAPL").reason().contains("IC t not computable < 3.00"), e.rejectionOf("AAPL").reason());
    }

    @Test
    void aBatchThatNamesNoModelRefuses() {
        Evaluation e = run(null, buy("AAPL", 0.9));
        assertTrue(e.rejectionOf("AAPL").reason().startsWith("no model skill was given to the rules"), e.rejectionOf("AAPL").reason());
    }

    @Test
    void earlierReasonsComeFirstAndTheSignalsOwnQualityAfter() {
        // Not a BUY keeps its own reason; a low-confidence BUY gets the gate's reason (the model comes before the signal).
        Signal hold = new Signal("HOLDME", "HOLD", 0.9, 3, 50);
        Evaluation e = run(ModelSkill.unknown("m"), hold, buy("LOW", 0.5));
        assertEquals("not a BUY", e.rejectionOf("HOLDME").rule());
        assertEquals("model lacks out-of-sample skill", e.rejectionOf("LOW").rule());
    }

    @Test
    void aCardWithoutSkillIsUnknownAndNoCardSaysSo(@TempDir Path dir) throws Exception {
        ModelSkill none = ModelSkill.read(dir, "models/x");
        assertFalse(none.isKnown());
        assertTrue(none.getEvidence().startsWith("no model card in "), none.getEvidence());
        ModelSkill committed = ModelSkill.read(Path.of("..", "models", "ensemble").toAbsolutePath().normalize(), "models/ensemble");
        assertTrue(Files.exists(Path.of("..", "models", "ensemble", "model_card.json")));
        assertEquals(committed.isKnown(), EnsembleStore.readCard(Path.of("..", "models", "ensemble")).skill() != null);
    }

    @Test
    void theEvidenceBesideATradeComesFromItsConfidenceBucket() {
        ModelSkill m = RulesFixtures.skill(0.031, 4.2);
        assertEquals("such trades (confidence 0.70-0.80) won 58 % of 412 out of sample, mean +0.21 % after costs", m.evidence(0.74));
        assertEquals("no out-of-sample record for this confidence", m.evidence(0.85), "an empty bucket is no record");
        assertEquals("no out-of-sample record for this confidence", m.evidence(0.5));
        assertEquals("no out-of-sample record for this confidence", ModelSkill.unknown("m").evidence(0.74));
    }

    @Test
    void theTradingLineSaysWhatTheRulesSaid(@TempDir Path dir) throws Exception {
        Instant now = RulesFixtures.MIDDAY;
        try (RuleEngine engine = RuleEngine.load(RulesFixtures.committedRules(), RulesFixtures.risk(), Notifier.NONE)) {
            TradingGate low = TradingGate.probe(engine, RulesFixtures.skill(0.011, 1.4), now, MarketCalendar.nyse());
            assertFalse(low.trading());
            assertTrue(low.line().startsWith("trading: no — model models/test lacks out-of-sample skill: IC t 1.40 < 3.00"), low.line());
            assertTrue(low.line().endsWith("; signals are still scanned, decided and shown"), low.line());
            TradingGate good = TradingGate.probe(engine, RulesFixtures.skilled(), now, MarketCalendar.nyse());
            assertTrue(good.trading());
            assertTrue(good.line().startsWith("trading: yes — the rules " + engine.version().label() + " accept BUYs from model models/test"),
                    good.line());
        }
        // The simulator's copy with the gate off: a model without a record trades, and the line says why.
        try (RuleEngine off = RuleEngine.load(TestRules.copyWithoutSkillGate(dir.resolve("rules")), RulesFixtures.risk(), Notifier.NONE)) {
            TradingGate g = TradingGate.probe(off, ModelSkill.unknown("models/ensemble"), now, MarketCalendar.nyse());
            assertTrue(g.trading());
            assertTrue(g.line().endsWith("although it has no out-of-sample record (the rules' skill gate is off)"), g.line());
            Evaluation e = off.evaluate(RuleBatch.of(List.of(buy("AAPL", 0.9)), paper(), midday()).withModelSkill(ModelSkill.unknown("m")));
            assertNotNull(e.intentFor("AAPL"), () -> e.rejections().toString());
        }
    }
}
