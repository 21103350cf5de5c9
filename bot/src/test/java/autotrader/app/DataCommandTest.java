package autotrader.app;

import autotrader.backtest.SyntheticDaily;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.testing.TestRules;
import autotrader.testing.TinyEnsemble;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** `data import`, `data list`, `data verify` on a synthetic csv folder, and a backtest from the store that matches the csv one. */
class DataCommandTest {

    @TempDir
    static Path dir;
    static Path config, ensemble, store;

    @BeforeAll
    static void setUp() throws IOException {
        SyntheticDaily.csvFolder(dir.resolve("data"));
        Files.createDirectories(dir.resolve("strategies"));
        Files.copy(Path.of("..", "strategies", "swing.yaml"), dir.resolve("strategies/swing.yaml"));
        Files.createDirectories(dir.resolve("rules"));
        try (Stream<Path> rules = Files.list(Path.of("..", "rules"))) {
            for (Path r : rules.filter(p -> p.toString().endsWith(".drl")).toList()) Files.copy(r, dir.resolve("rules").resolve(r.getFileName()));
        }
        // As BacktestCommandTest: let the tiny ensemble's BUYs through so that trades happen and the two sources can differ.
        Path filter = dir.resolve("rules/filter.drl");
        Files.writeString(filter, Files.readString(filter).replace("MIN_CONFIDENCE()            { return 0.70; }", "MIN_CONFIDENCE()            { return 0.0; }")
                .replace("MAX_RISK_SCORE()            { return 6; }", "MAX_RISK_SCORE()            { return 10; }"));
        TestRules.switchOffSkillGate(dir.resolve("rules"));
        config = dir.resolve("config.yaml");
        store = dir.resolve("store");
        Files.writeString(config, """
                strategy: strategies/swing.yaml
                market:
                  source: csv
                  csv_dir: data
                  store_dir: store
                state:
                  db: state/test.db
                predict:
                  models_dir: %s
                """.formatted(Path.of("..", "models", "predictors").toAbsolutePath()));
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        ensemble = dir.resolve("ensemble-1d");
        EnsembleStore.save(tiny.ensemble(), BacktestCommandTest.withNote(tiny.card(), "labels on 1d bars"), ensemble);
        MainTest.Run r = MainTest.run("data", "import", "--config", config.toString(), "--dir", dir.resolve("data").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("14 symbols, 4,200 bars read, 4,200 new (0 already stored), 0 rows or files skipped"), r.out());
        assertTrue(r.err().contains("import 14/14"), "progress on stderr: " + r.err());
    }

    @Test
    void aSecondImportAddsNothing() {
        MainTest.Run r = MainTest.run("data", "import", "--config", config.toString(), "--dir", dir.resolve("data").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("4,200 bars read, 0 new (4,200 already stored)"), r.out());
    }

    @Test
    void listShowsEachSeriesCoverageAndSource() {
        MainTest.Run r = MainTest.run("data", "list", "--config", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String spy = r.out().lines().filter(l -> l.startsWith("SPY ")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(spy.matches("SPY\\s+1d\\s+\\d{4}-\\d\\d-\\d\\d 14:30\\s+2025-04-30 20:00\\s+300\\s+0 csv"), spy);
        assertTrue(r.out().contains("14 series in " + store.toAbsolutePath().normalize()), r.out());
    }

    @Test
    void verifyPassesCleanBars() {
        MainTest.Run r = MainTest.run("data", "verify", "--config", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("0 broken bars, 0 gaps"), r.out());
    }

    @Test
    void importOfAMissingFolderIsRefusedByName() {
        MainTest.Run r = MainTest.run("data", "import", "--config", config.toString(), "--dir", dir.resolve("nowhere").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--dir " + dir.resolve("nowhere")), r.err());
    }

    @Test
    void aBacktestFromTheStoreMatchesTheOneFromCsv() throws IOException {
        JsonNode csv = backtest("csv"), fromStore = backtest("store");
        assertTrue(csv.at("/counts/fills").asInt() >= 1, "trades happened: " + csv.get("counts"));
        assertEquals(csv.get("counts"), fromStore.get("counts"));
        assertEquals(csv.at("/equity_curve/strategy"), fromStore.at("/equity_curve/strategy"));
        assertEquals(csv.at("/series/strategy"), fromStore.at("/series/strategy"));
        assertTrue(fromStore.at("/run/source").asText().startsWith("store "), fromStore.at("/run").toString());
    }

    @Test
    void anUnknownSourceIsStillRefused() {
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--source", "parquet", "--from", "2025-03-17", "--to", "2025-03-31",
                "--models", "fixed", "--ensemble", ensemble.toString(), "--report", dir.resolve("bad").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--source must be auto, csv, store or sim, not 'parquet'"), r.err());
    }

    static JsonNode backtest(String source) throws IOException {
        Path out = dir.resolve("report-" + source);
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--source", source, "--from", "2025-03-17", "--to", "2025-03-31",
                "--models", "fixed", "--ensemble", ensemble.toString(), "--report", out.toString(), "--look-ahead-samples", "0");
        assertEquals(0, r.code(), r.out() + r.err());
        return new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    }
}
