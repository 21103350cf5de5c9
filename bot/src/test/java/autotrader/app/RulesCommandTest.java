package autotrader.app;

import autotrader.ensemble.EnsembleStore;
import autotrader.testing.SkillRecords;
import autotrader.testing.TestRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rules check` and `rules explain` through picocli, on the committed rules and config. */
class RulesCommandTest {

    @TempDir
    Path tmp;

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String CONFIG = REPO.resolve("config.yaml").toString();

    private static final String DECISIONS = """
            [
              {"symbol": "AAPL", "decision": "BUY", "confidence": 0.82, "expected_return": 1.2, "risk_score": 4,
               "time_horizon": "1h", "price": 190.0, "models_agree": 4,
               "predictions": {"1m": {"price": 190.1, "return": 0.05}, "1h": {"price": 192.3, "return": 1.2}},
               "risk_metrics": {"forecast_volatility": 0.008, "var_95": 0.013, "cvar_95": 0.018, "beta": 1.1,
                                "correlation_spy": 0.7, "correlation_qqq": 0.75, "tail_dependence": 0.3, "vol_regime": "normal"},
               "some_future_field": true},
              {"symbol": "MSFT", "decision": "SELL", "confidence": 0.9, "risk_score": 3, "price": 400.0}
            ]
            """;

    private record Run(int exit, String out, String err) {
    }

    /** Like Main is expected to: BadInputException is exit code 2 with its message on stderr. */
    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RulesCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof BadInputException) {
                cmd.getErr().println(ex.getMessage());
                return 2;
            }
            throw ex;
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path copyRules() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        try (var files = Files.list(REPO.resolve("rules"))) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    @Test
    void checkPassesOnTheCommittedRules() {
        Run r = run("check", "--config", CONFIG);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("ok: "), r.out());
        assertTrue(r.out().contains("filter.drl, rank.drl, sizing.drl, stops.drl"), r.out());
    }

    @Test
    void checkFailsWithFileAndLine() throws Exception {
        Path dir = copyRules();
        Path stops = dir.resolve("stops.drl");
        Files.writeString(stops, Files.readString(stops).replace("modify($p) { setStopLoss(", "modify($p) { setStopLos("));
        Run r = run("check", dir.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("stops.drl:"), r.out());
        assertTrue(r.out().contains("setStopLos"), r.out());
    }

    @Test
    void checkFailsOnAMissingFolder() {
        assertEquals(1, run("check", tmp.resolve("nope").toString()).exit());
    }

    @Test
    void explainRefusesTheBuysOfTheCommittedModelForWantOfOutOfSampleSkill() throws Exception {
        Path decisions = Files.writeString(tmp.resolve("d.json"), DECISIONS);
        Run r = run("explain", "--config", CONFIG, "--decision", decisions.toString(), "--at", "2025-03-12T11:00");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("ENTRIES (0)"), r.out());
        assertTrue(r.out().contains("NO BUY CAN TRADE: model models/ensemble "), r.out());
        assertTrue(r.out().matches("(?s).*AAPL  BUY 0\\.8200: model models/ensemble .*  \\[model lacks out-of-sample skill\\].*"), r.out());
    }

    @Test
    void explainWithAModelWhoseCardHasSkillShowsTheEvidenceBesideTheEntry() throws Exception {
        Path decisions = Files.writeString(tmp.resolve("d.json"), DECISIONS);
        Path model = Files.createDirectories(tmp.resolve("model"));
        var card = EnsembleStore.readCard(REPO.resolve("models/ensemble"))
                .withSkill(SkillRecords.record(0.031, 4.2));
        EnsembleStore.JSON.writeValue(model.resolve("model_card.json").toFile(), card);
        Run r = run("explain", "--config", CONFIG, "--decision", decisions.toString(), "--at", "2025-03-12T11:00", "--model", model.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("out-of-sample IC t 4.20 (IC 0.031, held-out 2015-06-16..2016-01-13 (csv), 7,350 rows"), r.out());
        assertTrue(r.out().contains("ENTRIES (1)"), r.out());
        assertTrue(r.out().contains("evidence: such trades (confidence 0.80-1.00) won 61 % of 97 out of sample, mean +0.34 % after costs"), r.out());
        Run json = run("explain", "--config", CONFIG, "--decision", decisions.toString(), "--at", "2025-03-12T11:00", "--model", model.toString(),
                "--json");
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(4.2, doc.get("model_skill").get("ic_t").asDouble(), 1e-9);
        assertEquals(0, doc.get("entry_blocks").size());
    }

    @Test
    void explainShowsEntriesRejectionsAndFiredRules() throws Exception {
        Path decisions = Files.writeString(tmp.resolve("d.json"), DECISIONS);
        // The skill gate off, as on the simulator: the rest of the rules decide.
        Path rules = TestRules.copyWithoutSkillGate(tmp.resolve("gate-off"));
        Run r = run("explain", "--config", CONFIG, "--decision", decisions.toString(), "--at", "2025-03-12T11:00", "--rules", rules.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("ENTRIES (1)"), r.out());
        assertTrue(r.out().contains("#1 AAPL  BUY 52 MARKET @ 190.00  stop 186.96"), r.out());   // 2 x 0.8 % = 1.6 %; 10 % of 100k / 190 = 52
        assertTrue(r.out().contains("rules: rank by confidence > stop: k sigma below entry"), r.out());
        assertTrue(r.out().contains("MSFT  SELL 0.9000: not a BUY (SELL)  [not a BUY]"), r.out());
    }

    @Test
    void explainUsesTheAccountFile() throws Exception {
        Path decisions = Files.writeString(tmp.resolve("d.json"), DECISIONS);
        Path account = Files.writeString(tmp.resolve("a.json"), """
                {"equity": 50000, "cash": 20000, "day_pnl": -2000,
                 "positions": [{"symbol": "NVDA", "quantity": 10, "entry_price": 120.5, "stop_price": 115}]}
                """);
        Run r = run("explain", "--config", CONFIG, "--decision", decisions.toString(), "--account", account.toString(),
                "--at", "2025-03-12T11:00:00-04:00", "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(0, doc.get("intents").size());
        assertEquals("daily loss limit reached", doc.get("rejections").get(0).get("rule").asText());
        assertEquals(64, doc.get("rules_version").asText().length());
    }

    @Test
    void aBadDecisionFileIsExitTwoNamingFileAndField() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), """
                [{"symbol": "AAPL", "decision": "BUY", "confidence": 0.8, "risk_score": 4, "price": 10},
                 {"symbol": "MSFT", "decision": "BUY", "confidence": "high", "risk_score": 4, "price": 10}]
                """);
        Run r = run("explain", "--config", CONFIG, "--decision", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.json: [1].confidence: must be a number"), r.err());

        Path noFile = tmp.resolve("missing.json");
        Run m = run("explain", "--config", CONFIG, "--decision", noFile.toString());
        assertEquals(2, m.exit());
        assertTrue(m.err().contains("missing.json"), m.err());
    }

    @Test
    void explainWithBrokenRulesIsExitOne() throws Exception {
        Path dir = copyRules();
        Files.writeString(dir.resolve("filter.drl"), "rule \"oops\" when then garbage(");
        Path decisions = Files.writeString(tmp.resolve("d.json"), DECISIONS);
        Run r = run("explain", "--config", CONFIG, "--decision", decisions.toString(), "--rules", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("filter.drl"), r.out());
    }
}
