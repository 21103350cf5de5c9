package autotrader.app;

import autotrader.backtest.SyntheticDaily;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.ModelCard;
import autotrader.market.Bar;
import autotrader.testing.TestRules;
import autotrader.testing.TinyEnsemble;
import autotrader.charts.UPlot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `backtest --models fixed` end to end on a synthetic csv folder of a dozen stocks (daily bars only), and its refusals. */
class BacktestCommandTest {

    @TempDir
    static Path dir;
    static Path config, ensemble;

    @BeforeAll
    static void setUp() throws IOException {
        SyntheticDaily.csvFolder(dir.resolve("data"));
        Files.createDirectories(dir.resolve("strategies"));
        Files.copy(Path.of("..", "strategies", "momentum.yaml"), dir.resolve("strategies/momentum.yaml"));
        Files.copy(Path.of("..", "strategies", "swing.yaml"), dir.resolve("strategies/swing.yaml"));
        Files.createDirectories(dir.resolve("rules"));
        try (Stream<Path> rules = Files.list(Path.of("..", "rules"))) {
            for (Path r : rules.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(r, dir.resolve("rules").resolve(r.getFileName()));
        }
        // The tiny test ensemble is never 70 % sure: let any BUY through so the trade path (intent, order, fill, round trip) runs.
        Path filter = dir.resolve("rules/filter.drl");
        String rules = Files.readString(filter);
        assertTrue(rules.contains("MIN_CONFIDENCE()            { return 0.70; }"), "filter.drl's minimum confidence line moved");
        Files.writeString(filter, rules.replace("MIN_CONFIDENCE()            { return 0.70; }", "MIN_CONFIDENCE()            { return 0.0; }")
                .replace("MAX_RISK_SCORE()            { return 6; }", "MAX_RISK_SCORE()            { return 10; }"));
        // Nor has it out-of-sample skill: the gate off, as on a simulator (BacktestSkillGateTest runs the default rules).
        TestRules.switchOffSkillGate(dir.resolve("rules"));
        config = dir.resolve("config.yaml");
        // Daily bars: the swing strategy (decides at each close, labels on daily bars).
        Files.writeString(config, """
                strategy: strategies/swing.yaml
                market:
                  source: csv
                  csv_dir: data
                state:
                  db: state/test.db
                predict:
                  models_dir: %s
                """.formatted(Path.of("..", "models", "predictors").toAbsolutePath()));
        // A small ensemble on the real column layout; its card says daily labels, like `train ensemble` writes for 1d.
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        ensemble = dir.resolve("ensemble-1d");
        EnsembleStore.save(tiny.ensemble(), withNote(tiny.card(), "labels on 1d bars"), ensemble);
    }

    static ModelCard withNote(ModelCard c, String note) {
        List<String> notes = new ArrayList<>(c.notes());
        notes.add(note);
        return c.withNotes(notes);
    }

    @Test
    void aFixedModelBacktestWritesTheReportAndMatchesBuyAndHoldByHand() throws IOException {
        Path out = dir.resolve("report");
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--from", "2025-03-17", "--to", "2025-03-31",
                "--models", "fixed", "--ensemble", ensemble.toString(), "--report", out.toString(), "--look-ahead-samples", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("look-ahead check: passed"), r.out());
        assertTrue(r.out().matches("(?s).*replayed \\d+ bars \\(12 symbols x 11 sessions\\).*bars/s.*"), r.out());
        assertTrue(r.err().matches("(?s).*backtest: 11/11 cycles \\(100\\.0%\\), [0-9:]+ elapsed, done - session 11/11 2025-03-31, equity .*"),
                "progress on stderr: " + r.err());

        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(11, m.at("/run/sessions").asInt());        // NYSE sessions 2025-03-17..2025-03-31
        assertEquals("1d", m.at("/run/fill_timeframe").asText());
        assertEquals(3, m.get("series").size());
        assertEquals(5, m.get("success_measures").size());
        assertTrue(m.at("/look_ahead_check/passed").asBoolean());
        assertEquals(2, m.at("/look_ahead_check/decision_times_recomputed").asInt());
        assertEquals(11, m.at("/counts/cycles").asInt());
        assertTrue(m.at("/counts/fills").asInt() >= 1, "the trade path ran: " + m.get("counts"));
        assertTrue(m.at("/series/strategy/exposure_days").asDouble() > 0, m.at("/series/strategy").toString());
        assertEquals(0, m.at("/counts/failed_cycles").asInt());
        // The floor counted is the one the copied filter.drl holds (0.0 here), read from the rules, not a 0.7 in Java.
        assertEquals(0.0, m.at("/counts/confidence_floor").asDouble(-1), 1e-12, m.get("counts").toString());
        assertEquals(m.at("/counts/buy_decisions").asInt(), m.at("/counts/buy_decisions_at_or_above_floor").asInt(), m.get("counts").toString());
        assertTrue(r.out().contains("BUY with confidence >= 0, the rules' MIN_CONFIDENCE: "), r.out());
        assertEquals(11, m.at("/equity_curve/strategy").size());
        // The model's out-of-sample record on these decisions: every session's candidates ranked against their realised trades.
        assertEquals(11, m.at("/skill/decision_times").asInt(), m.at("/skill").toString());
        assertTrue(m.at("/skill/ic").isNumber() && Math.abs(m.at("/skill/ic").asDouble()) <= 1, m.at("/skill").toString());
        assertTrue(m.at("/skill/ic_t_newey_west").isNumber(), m.at("/skill").toString());
        assertTrue(r.out().contains("out-of-sample skill (P(BUY)): rank IC"), r.out());
        assertEquals(11, m.at("/equity_curve/random_entries_mean").size());

        // The baselines table: strategy, SPY, scanner only, random entries; every baseline tested against the strategy.
        JsonNode base = m.get("baselines");
        assertEquals(4, base.size(), base.toString());
        assertEquals("strategy", base.get(0).get("name").asText());
        assertTrue(base.get(3).get("name").asText().startsWith("random entries"), base.toString());
        for (int i = 1; i < 4; i++) {
            JsonNode vs = base.get(i).get("strategy_minus_baseline");
            assertTrue(vs.has("p_value_one_sided") && vs.has("strategy_beats_significantly"), vs.toString());
            assertEquals(base.get(0).get("sharpe").asDouble() - base.get(i).get("sharpe").asDouble(), vs.get("sharpe_difference").asDouble(), 1e-5);
        }
        assertTrue(base.get(1).get("mean_trade_return").isNull(), "SPY buy and hold has no closed trade");
        assertEquals(m.at("/series/strategy/sharpe").asDouble(), base.get(0).get("sharpe").asDouble(), 1e-6);
        assertEquals(2000, m.at("/bootstrap/resamples").asInt());
        JsonNode random = m.get("random_entries");
        assertEquals(20, random.get("draws").asInt());
        // Every strategy round trip (closed or open at the end) found its decision's scan and was redrawn.
        assertEquals(random.get("strategy_round_trips").asInt(), random.get("strategy_trades_redrawn").asInt(), random.toString());
        assertTrue(random.get("strategy_round_trips").asInt() >= Math.max(1, m.at("/series/strategy/trades").asInt()), random.toString());
        assertEquals(random.get("strategy_trades_redrawn").asInt(),
                random.get("exit_same_bracket_rescaled_by_volatility").asInt() + random.get("exit_matched_holding_period").asInt());
        assertTrue(random.at("/sharpe/p5").isNumber() || random.at("/sharpe/draws_with_a_value").asInt() == 0, random.toString());
        for (String k : List.of("by_symbol", "by_exit_reason", "by_exit_month", "by_entry_hour", "by_confidence")) {
            int trades = 0;
            for (JsonNode row : m.at("/breakdowns/" + k)) trades += row.get("trades").asInt();
            assertEquals(m.at("/series/strategy/trades").asInt(), trades, k + " covers every closed trade");
        }
        // Daily bars: every entry fills at the 09:30 open in New York.
        for (JsonNode row : m.at("/breakdowns/by_entry_hour")) assertEquals("09:00-10:00", row.get("group").asText());

        // SPY bought at the first session's open with the default 5 bps slippage, commission-free, held to the last close.
        List<Bar> spy = SyntheticDaily.bars().get("SPY");
        Bar first = spy.stream().filter(b -> SyntheticDaily.CAL.dateAt(b.start()).equals(LocalDate.of(2025, 3, 17))).findFirst().orElseThrow();
        double px = Math.round(Math.round(first.open() * 10_000) / 10_000.0 * 1.0005 * 10_000) / 10_000.0;
        long shares = (long) Math.floor(100_000 / px);
        Bar last = spy.stream().filter(b -> SyntheticDaily.CAL.dateAt(b.start()).equals(LocalDate.of(2025, 3, 31))).findFirst().orElseThrow();
        double expected = 100_000 - shares * px + shares * last.close();
        JsonNode curve = m.at("/equity_curve/spy");
        assertEquals(expected, curve.get(curve.size() - 1).asDouble(), 0.02 + shares * 1e-4);

        String html = Files.readString(out.resolve("report.html"));
        // Interactive charts: uPlot and the data inline (no PNGs, no links); the traded symbols' daily closes come from the csv bars.
        assertTrue(html.contains(UPlot.js()), "uPlot inline");
        assertFalse(html.contains("data:image/png"), "no PNG charts");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"chart-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(data.find(), "the charts' data block");
        JsonNode charts = new ObjectMapper().readTree(data.group(1));
        assertEquals(11, charts.at("/equity/t").size(), "one equity point per session's close");
        assertTrue(charts.get("symbols").size() > 0, "the run traded: " + m.at("/series/strategy"));
        assertEquals(11, charts.at("/symbols/0/t").size(), "the most traded symbol's daily bars");
        for (String s : List.of("Design success measures", "Monthly returns", "Calibration", "Trades (strategy)", "SPY buy and hold", "scanner only",
                "Strategy against the baselines", "Random entries, same exits: distribution over 20 draws", "by exit reason", "by hour of the entry")) {
            assertTrue(html.contains(s), s);
        }
        for (String png : List.of("equity.png", "drawdown.png", "confidence.png", "calibration.png")) assertFalse(Files.exists(out.resolve(png)), png);
        assertTrue(Files.exists(out.resolve("backtest.db")), "the backtest's own SQLite is in the report folder");
        assertTrue(!Files.exists(dir.resolve("state/test.db")), "the daemon's state database is never touched");
    }

    @Test
    void tooFewRandomDrawsAreRefused() {
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--from", "2025-03-17", "--to", "2025-03-31",
                "--models", "fixed", "--ensemble", ensemble.toString(), "--report", dir.resolve("few").toString(), "--random-draws", "5");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--random-draws must be at least 20"), r.err());
    }

    @Test
    void theDefaultRulesRefuseTheBuysOfAModelWithoutOutOfSampleSkill() throws IOException {
        // The same data and model, the committed rules as they are: the skill fact reaches the rules on the backtest path.
        Path own = Files.createDirectories(dir.resolve("gated"));
        TestRules.copy(own.resolve("rules"));
        Files.createDirectories(own.resolve("strategies"));
        Files.copy(dir.resolve("strategies/momentum.yaml"), own.resolve("strategies/momentum.yaml"));
        Files.copy(dir.resolve("strategies/swing.yaml"), own.resolve("strategies/swing.yaml"));
        Path filter = own.resolve("rules/filter.drl");
        Files.writeString(filter, Files.readString(filter).replace("MIN_CONFIDENCE()            { return 0.70; }", "MIN_CONFIDENCE()            { return 0.0; }"));
        Path cfg = own.resolve("config.yaml");
        Files.writeString(cfg, Files.readString(config).replace("csv_dir: data", "csv_dir: " + dir.resolve("data")));
        Path out = own.resolve("report");
        MainTest.Run r = MainTest.run("backtest", "--config", cfg.toString(), "--from", "2025-03-17", "--to", "2025-03-31",
                "--models", "fixed", "--ensemble", ensemble.toString(), "--report", out.toString(), "--look-ahead-samples", "0");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(0, m.at("/counts/fills").asInt(), "no BUY of a model without skill trades: " + m.get("counts"));
        assertTrue(m.at("/counts/signals_rejected_by_rule/model lacks out-of-sample skill").asInt() >= 1, m.get("counts").toString());
    }

    @Test
    void fixedModelsRefuseAPeriodThatIsNotAfterTheirTrainingData() {
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--from", "2024-08-05", "--to", "2024-09-30",
                "--models", "fixed", "--ensemble", ensemble.toString(), "--report", dir.resolve("early").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("must lie after its training data"), r.err());
        assertTrue(!Files.exists(dir.resolve("early")), "a refused run leaves no report folder");
    }

    @Test
    void anIntradayEnsembleIsRefusedOnDailyData() {
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--from", "2025-03-17", "--to", "2025-03-31",
                "--models", "fixed", "--ensemble", Path.of("..", "models", "ensemble").toString(), "--report", dir.resolve("intraday").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("labels on 5m bars") && r.err().contains("finest bars are 1d"), r.err());
    }

    @Test
    void anIntradayCadenceIsRefusedOnDailyData() {
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--strategy", "momentum", "--from", "2025-03-17",
                "--to", "2025-03-31", "--models", "fixed", "--ensemble", ensemble.toString(), "--report", dir.resolve("cadence").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("cadence 5m (strategy momentum) needs bars of 5m or finer") && r.err().contains("--strategy swing"), r.err());
        MainTest.Run unknown = MainTest.run("backtest", "--config", config.toString(), "--strategy", "scalping", "--from", "2025-03-17",
                "--to", "2025-03-31", "--report", dir.resolve("unknown").toString());
        assertEquals(2, unknown.code(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("--strategy scalping") && unknown.err().contains("momentum, swing"), unknown.err());
        MainTest.Run bad = MainTest.run("backtest", "--config", config.toString(), "--cadence", "7m", "--from", "2025-03-17",
                "--to", "2025-03-31", "--models", "fixed", "--ensemble", ensemble.toString(), "--report", dir.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("unknown cadence '7m'"), bad.err());
    }
}
