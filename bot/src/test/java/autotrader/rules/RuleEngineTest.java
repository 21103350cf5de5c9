package autotrader.rules;

import autotrader.alerts.Notifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static autotrader.rules.RulesFixtures.batch;
import static autotrader.rules.RulesFixtures.buy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live editing: reloads, refusals, the watcher, and evaluations running while the rules change. */
class RuleEngineTest {

    @TempDir
    Path tmp;

    private static void raiseConfidenceBar(Path rules, String to) throws Exception {
        Path filter = rules.resolve("filter.drl");
        String text = Files.readString(filter);
        String edited = text.replace("MIN_CONFIDENCE()            { return 0.70; }", "MIN_CONFIDENCE()            { return " + to + "; }");
        assertNotEquals(text, edited, "the edit did not apply");
        Files.writeString(filter, edited);
    }

    @Test
    void aSavedEditTakesEffectOnTheNextEvaluation() throws Exception {
        Path rules = RulesFixtures.copyRules(tmp.resolve("rules"));
        try (RuleEngine engine = RuleEngine.load(rules, RulesFixtures.risk(), Notifier.NONE)) {
            RulesVersion before = engine.version();
            assertNotNull(engine.evaluate(batch(buy("AAPL", 0.75))).intentFor("AAPL"));
            assertEquals(RuleEngine.ReloadOutcome.UNCHANGED, engine.reload());

            raiseConfidenceBar(rules, "0.80");
            assertEquals(RuleEngine.ReloadOutcome.RELOADED, engine.reload());
            assertNotEquals(before.sha256(), engine.version().sha256());
            Evaluation after = engine.evaluate(batch(buy("AAPL", 0.75)));
            assertEquals("confidence below minimum", after.rejectionOf("AAPL").rule());
            assertEquals(engine.version().label(), after.rejectionOf("AAPL").rulesVersion());
        }
    }

    @Test
    void aBrokenFileIsRefusedTheOldRulesKeepRunningAndTheAlertNamesFileAndLine() throws Exception {
        Path rules = RulesFixtures.copyRules(tmp.resolve("rules"));
        List<String> alerts = new CopyOnWriteArrayList<>();
        try (RuleEngine engine = RuleEngine.load(rules, RulesFixtures.risk(), (kind, m) -> alerts.add(m))) {
            RulesVersion good = engine.version();
            Path filter = rules.resolve("filter.drl");
            List<String> lines = Files.readAllLines(filter);
            int line = lines.indexOf("    $s : Signal( decision != \"BUY\" )") + 1;
            assertTrue(line > 0);
            lines.set(line - 1, "    $s : Signal( decision != \"BUY\" ");      // missing ')'
            Files.write(filter, lines);

            assertEquals(RuleEngine.ReloadOutcome.REFUSED, engine.reload());
            assertEquals(good, engine.version());
            assertNotNull(engine.evaluate(batch(buy("AAPL", 0.75))).intentFor("AAPL"));
            assertEquals(1, alerts.size());
            String alert = alerts.get(0);
            assertTrue(alert.contains("filter.drl:"), alert);
            assertTrue(alert.contains(good.label()), alert);
            int reported = Integer.parseInt(alert.replaceAll("(?s).*filter\\.drl:(\\d+).*", "$1"));
            assertTrue(Math.abs(reported - line) <= 1, "reported line " + reported + ", broken line " + line + ": " + alert);
        }
    }

    @Test
    void aTypeErrorInAConsequenceIsRefusedToo() throws Exception {
        Path rules = RulesFixtures.copyRules(tmp.resolve("rules"));
        Files.writeString(rules.resolve("extra.drl"), """
                package rules;
                import autotrader.rules.Signal;
                rule "broken"
                when
                    $s : Signal( noSuchField > 1 )
                then
                end
                """);
        RulesRefusedException e = assertThrows(RulesRefusedException.class, () -> RuleEngine.load(rules, RulesFixtures.risk(), Notifier.NONE));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().getFileName().toString().equals("extra.drl") && p.line() == 5), e.getMessage());
    }

    @Test
    void theWatcherReloadsAfterTheEditorGoesQuiet() throws Exception {
        Path rules = RulesFixtures.copyRules(tmp.resolve("rules"));
        try (RuleEngine engine = RuleEngine.load(rules, RulesFixtures.risk(), Notifier.NONE)) {
            RulesVersion before = engine.version();
            engine.watch(Duration.ofMillis(150));
            raiseConfidenceBar(rules, "0.80");
            Files.writeString(rules.resolve("filter.drl"), Files.readString(rules.resolve("filter.drl")) + "\n// saved twice\n");
            long deadline = System.currentTimeMillis() + 15_000;
            while (engine.version().equals(before) && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertNotEquals(before, engine.version(), "no reload within 15 s");
            assertEquals("confidence below minimum", engine.evaluate(batch(buy("AAPL", 0.75))).rejectionOf("AAPL").rule());
        }
    }

    @Test
    void evaluationsOnAnotherThreadSwitchToTheNewRulesWithoutErrors() throws Exception {
        Path rules = RulesFixtures.copyRules(tmp.resolve("rules"));
        try (RuleEngine engine = RuleEngine.load(rules, RulesFixtures.risk(), Notifier.NONE)) {
            String oldVersion = engine.version().label();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger oldRuns = new AtomicInteger();
            AtomicInteger newRuns = new AtomicInteger();
            AtomicReference<String> newVersion = new AtomicReference<>();
            Thread trader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        Evaluation e = engine.evaluate(RuleBatch.of(RulesBench.syntheticBatch(50, 3), RulesFixtures.paper(), RulesFixtures.midday())
                                .withSignals(List.of(buy("AAPL", 0.75))).withModelSkill(RulesFixtures.skilled()));
                        // Each evaluation is wholly on one version: old rules take AAPL, new ones reject it.
                        if (e.version().label().equals(oldVersion)) {
                            assertNotNull(e.intentFor("AAPL"));
                            oldRuns.incrementAndGet();
                        } else {
                            assertNull(e.intentFor("AAPL"));
                            assertEquals(e.version().label(), e.rejectionOf("AAPL").rulesVersion());
                            newVersion.set(e.version().label());
                            newRuns.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "trader");
            trader.start();
            while (oldRuns.get() < 20 && failure.get() == null) Thread.sleep(5);
            raiseConfidenceBar(rules, "0.80");
            assertEquals(RuleEngine.ReloadOutcome.RELOADED, engine.reload());
            int atSwap = newRuns.get();
            long deadline = System.currentTimeMillis() + 10_000;
            while (newRuns.get() < atSwap + 20 && failure.get() == null && System.currentTimeMillis() < deadline) Thread.sleep(5);
            stop.set(true);
            trader.join(10_000);
            if (failure.get() != null) throw new AssertionError("evaluation failed during reload", failure.get());
            assertTrue(oldRuns.get() >= 20 && newRuns.get() >= 20, "old " + oldRuns + ", new " + newRuns);
            assertEquals(engine.version().label(), newVersion.get());
        }
    }

    @Test
    void anEmptyFolderIsNotARuleSet() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        RulesRefusedException e = assertThrows(RulesRefusedException.class, () -> RuleEngine.load(empty, RulesFixtures.risk(), null));
        assertTrue(e.getMessage().contains("no .drl files"));
    }

    @Test
    void theVersionIsTheSameForTheSameFiles() throws Exception {
        Path a = RulesFixtures.copyRules(tmp.resolve("a"));
        Path b = RulesFixtures.copyRules(tmp.resolve("b"));
        assertEquals(RuleSource.read(a).sha256(), RuleSource.read(b).sha256());
        assertEquals(64, RuleSource.read(a).sha256().length());
    }
}
