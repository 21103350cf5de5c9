package autotrader.app;

import autotrader.backtest.Fill;
import autotrader.backtest.PaperFills;
import autotrader.backtest.SyntheticIntraday;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.market.MarketCalendar;
import autotrader.store.Store;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `backtest --cadence 5m` on a synthetic 1-minute csv folder: the daemon's loop decides at every
 * 5-minute step of each session (09:30 .. 15:55, as the default cron), each fill comes on a 1-minute
 * bar that starts after its order was placed, and the look-ahead check passes. Also the refusal of an
 * intraday cadence on daily-only data is covered by {@link BacktestCommandTest}'s folder.
 */
class BacktestCadenceTest {

    @TempDir
    static Path dir;
    static Path config, ensemble;
    static final MarketCalendar CAL = MarketCalendar.nyse();

    @BeforeAll
    static void setUp() throws IOException {
        SyntheticIntraday.csvFolder(dir.resolve("data"), 26);
        Files.createDirectories(dir.resolve("strategies"));
        Files.copy(Path.of("..", "strategies", "momentum.yaml"), dir.resolve("strategies/momentum.yaml"));
        // The tiny ensemble has no out-of-sample skill and is never 70 % sure: gate off, any BUY through, so orders and fills happen.
        TestRules.copyWithoutSkillGate(dir.resolve("rules"));
        Path filter = dir.resolve("rules/filter.drl");
        String rules = Files.readString(filter);
        assertTrue(rules.contains("MIN_CONFIDENCE()            { return 0.70; }"), "filter.drl's minimum confidence line moved");
        Files.writeString(filter, rules.replace("MIN_CONFIDENCE()            { return 0.70; }", "MIN_CONFIDENCE()            { return 0.0; }")
                .replace("MAX_RISK_SCORE()            { return 6; }", "MAX_RISK_SCORE()            { return 10; }"));
        config = dir.resolve("config.yaml");
        Files.writeString(config, """
                market:
                  source: csv
                  csv_dir: data
                state:
                  db: state/test.db
                predict:
                  models_dir: %s
                """.formatted(Path.of("..", "models", "predictors").toAbsolutePath()));
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        ensemble = dir.resolve("ensemble-5m");
        EnsembleStore.save(tiny.ensemble(), BacktestCommandTest.withNote(tiny.card(), "labels on 5m bars"), ensemble);
    }

    @Test
    void decidesEveryFiveMinutesAndFillsOnTheMinuteAfter() throws IOException {
        List<LocalDate> days = SyntheticIntraday.sessions(26);
        LocalDate from = days.get(24), to = days.get(25);
        Path out = dir.resolve("report-5m");
        MainTest.Run r = MainTest.run("backtest", "--config", config.toString(), "--from", from.toString(), "--to", to.toString(),
                "--models", "fixed", "--ensemble", ensemble.toString(), "--cadence", "5m", "--report", out.toString(),
                "--look-ahead-samples", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("deciding every 5m, fills on 1m bars"), r.err());
        assertTrue(r.out().contains("look-ahead check: passed"), r.out());

        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(2 * 78, m.at("/counts/cycles").asInt(), "78 decision times a session: 09:30, 09:35 .. 15:55");
        assertEquals(0, m.at("/counts/failed_cycles").asInt());
        assertEquals(3, m.at("/look_ahead_check/decision_times_recomputed").asInt());

        Store store = Store.open(out.resolve("backtest.db"), 5000);
        {
            TreeSet<Instant> decided = new TreeSet<>(store.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT as_of FROM decisions")
                    .mapTo(String.class).list()).stream().map(Instant::parse).toList());
            TreeSet<Instant> expected = new TreeSet<>();
            for (LocalDate d : List.of(from, to)) {
                for (Instant t = CAL.openInstant(d); t.isBefore(CAL.closeInstant(d)); t = t.plus(Duration.ofMinutes(5))) expected.add(t);
            }
            assertTrue(expected.containsAll(decided), "decisions only at the 5-minute steps: " + decided);
            assertTrue(decided.size() > 100, "most 5-minute steps decided (a step may have no candidate): " + decided.size());

            List<Fill> fills = PaperFills.read(store.jdbi());
            assertFalse(fills.isEmpty(), "the trade path ran: orders were filled");
            for (Fill f : fills) {
                assertTrue(f.filledAt().isAfter(f.placedAt()) || f.filledAt().equals(f.placedAt()), "filled before placed: " + f);
                assertEquals(0, f.filledAt().atZone(ZoneId.of("America/New_York")).getSecond(), "a fill is on a bar boundary: " + f);
                assertTrue(Duration.between(f.placedAt(), f.filledAt()).compareTo(Duration.ofDays(4)) < 0, f.toString());
            }
            // An entry placed inside the session fills within minutes (on the next 1-minute bar), not at the next day's open.
            assertTrue(fills.stream().anyMatch(f -> Duration.between(f.placedAt(), f.filledAt()).compareTo(Duration.ofMinutes(1)) <= 0),
                    "some fill within a minute of its order: " + fills);
        }
    }
}
