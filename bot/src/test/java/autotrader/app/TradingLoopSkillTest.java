package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.config.ConfigLoader;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.ModelCard;
import autotrader.retrain.LiveModels;
import autotrader.rules.Evaluation;
import autotrader.rules.RejectedSignal;
import autotrader.rules.RuleEngine;
import autotrader.testing.MutableClock;
import autotrader.testing.SkillRecords;
import autotrader.testing.TestRules;
import autotrader.trading.TradingLoop;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon's path with the committed rules as they are: the trading loop reads the model's skill from
 * its card and passes it to every evaluation; the committed model (no skill record) is refused, and the
 * same model once its card holds a record above the floor (a retrain writing it: the followed models
 * change) trades.
 */
@Timeout(300)
class TradingLoopSkillTest {

    /** A session in which the committed models make several BUYs (the desk fixture's). */
    static final Instant AT = Instant.parse("2024-10-21T15:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theModelsCardDecidesWhetherItsBuysCanTrade() throws Exception {
        Path cfg = TradingDayConfig.withModels(dir);            // confidence floor 0.40, so the committed model makes BUYs that pass it
        TestRules.copy(dir.resolve("rules"));                   // ...but the committed rules otherwise, skill gate on
        Path filter = dir.resolve("rules/filter.drl");
        Files.writeString(filter, Files.readString(filter).replace("MIN_CONFIDENCE()            { return 0.70; }",
                "MIN_CONFIDENCE()            { return 0.40; }"));
        Path model = copyTree(Path.of("..", "models", "ensemble"), dir.resolve("models/ensemble"));
        AppContext ctx = new AppContext(ConfigLoader.loadFromSystem(cfg));
        MutableClock clock = new MutableClock(AT);
        TradingSystem orders = ctx.trading(clock::instant, Notifier.log());
        orders.reconciler().reconcile();
        ApprovalService approvals = orders.approvals();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (RuleEngine rules = orders.rules(dir.resolve("rules"), Notifier.NONE);
             LiveModels live = new LiveModels(model, e -> ctx.cycleRunner(workers, e), () -> ModelVersions.of(ctx))) {
            TradingLoop loop = orders.loop(live.current().runner(), rules, live.current().versions()).followModels(live).readsSkillFrom(model, "models/ensemble");
            boolean cardHasSkill = EnsembleStore.readCard(model).skill() != null;
            assertEquals(cardHasSkill, loop.modelSkill().isKnown());

            Evaluation refused = loop.cycle(AT);
            List<RejectedSignal> buys = refused.rejections().stream().filter(r -> r.decision().equals("BUY")).toList();
            assertFalse(buys.isEmpty(), "the model still decides BUYs: " + refused.rejections());
            assertTrue(refused.intents().isEmpty(), () -> refused.intents().toString());
            for (RejectedSignal r : buys) assertEquals("model lacks out-of-sample skill", r.rule(), r.toString());
            assertTrue(buys.get(0).reason().startsWith("model models/ensemble "), buys.get(0).reason());
            assertFalse(loop.tradingGate().trading());
            assertEquals("trading: no — " + refused.entryBlocks().get(0) + "; signals are still scanned, decided and shown",
                    loop.tradingGate().line());

            // A retrain's card with a record above the floor: the followed set changes, its card is read once, the gate opens.
            ModelCard card = EnsembleStore.readCard(model).withSkill(SkillRecords.record(0.031, 4.2));
            EnsembleStore.JSON.writeValue(model.resolve("model_card.json").toFile(), card);
            clock.set(AT.plus(Duration.ofMinutes(10)));
            Evaluation allowed = loop.cycle(AT.plus(Duration.ofMinutes(10)));
            assertEquals(4.2, loop.modelSkill().getIcT(), 1e-9);
            assertTrue(allowed.entryBlocks().isEmpty(), allowed.entryBlocks().toString());
            assertFalse(allowed.intents().isEmpty(), "BUYs of a model with skill pass the gate: " + allowed.rejections());
            for (RejectedSignal r : allowed.rejections()) assertNotEquals("model lacks out-of-sample skill", r.rule(), r.toString());
            assertTrue(loop.tradingGate().trading());
            assertTrue(loop.tradingGate().line().startsWith("trading: yes — the rules " + rules.version().label()
                    + " accept BUYs from model models/ensemble (out of sample: IC t 4.20"), loop.tradingGate().line());

            // Read once per model load, never per cycle: a loop with a fixed model keeps the card it read at start.
            TradingLoop fixed = orders.loop(live.current().runner(), rules, live.current().versions()).readsSkillFrom(model, "models/ensemble");
            EnsembleStore.JSON.writeValue(model.resolve("model_card.json").toFile(), card.withSkill(null));
            clock.set(AT.plus(Duration.ofMinutes(20)));
            fixed.cycle(AT.plus(Duration.ofMinutes(20)));
            assertEquals(4.2, fixed.modelSkill().getIcT(), 1e-9, "the card is not re-read by a cycle");
        } finally {
            workers.shutdownNow();
        }
    }

    private static Path copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }
}
