package autotrader.app;

import autotrader.config.ConfigLoader;
import autotrader.market.MarketCalendar;
import autotrader.schwab.market.FakeMarketData;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabRig;
import autotrader.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;

import java.util.List;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.*;

/** `data fetch` from the command line against the fake Schwab on 127.0.0.1; refused beside a running daemon. */
class DataFetchCommandTest {

    static final MarketCalendar CAL = MarketCalendar.nyse();

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeMarketData md;
    Path config;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        md = new FakeMarketData();
        fake.marketData = md;
        config = schwabConfig(dir, fake);
        SchwabRig.writeLogin(dir.resolve("state/tokens.json"), fake, Instant.now());
    }

    /** A config on the sim source whose Schwab client points at the fake; the app key and secret in files, as ${file:...} allows. */
    static Path schwabConfig(Path dir, FakeSchwab fake) throws Exception {
        Path cfg = TestConfigs.sim(dir, 5);
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("app_key"), FakeSchwab.APP_KEY);
        Files.writeString(dir.resolve("app_secret"), FakeSchwab.APP_SECRET);
        for (String f : List.of("app_key", "app_secret")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(cfg, Files.readString(cfg) + """
                schwab:
                  base_url: %s
                  token_file: state/tokens.json
                  app_key: ${file:%s}
                  app_secret: ${file:%s}
                """.formatted(fake.baseUrl(), dir.resolve("app_key"), dir.resolve("app_secret")));
        return cfg;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void fetchStoresTheBarsAndPrintsATableWithEveryFailure() throws Exception {
        LocalDate last = CAL.previousTradingDay(LocalDate.now(MarketCalendar.NEW_YORK));
        LocalDate first = last.minusDays(7);
        md.addMinuteCandles("AAPL", 5, first, last, false);
        md.addDailyCandles("AAPL", first, last);
        Files.writeString(dir.resolve("universe.txt"), "AAPL\nNADA\n");
        MainTest.Run r = MainTest.run("data", "fetch", "--config", config.toString(), "--universe", dir.resolve("universe.txt").toString(),
                "--timeframes", "5m,1d", "--from", first.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        int sessions = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) if (CAL.isTradingDay(d)) sessions++;
        long fiveMinute = (long) sessions * 78 - earlyCloseBars(first, last);
        String row = r.out().lines().filter(l -> l.startsWith("AAPL     5m")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
        assertTrue(row.matches("AAPL\\s+5m\\s+1\\s+" + fiveMinute + "\\s+" + fiveMinute + "\\s+0 ok"), row);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("NADA\\s+1d\\s+1\\s+0\\s+0\\s+0 FAILED: empty history.*")), r.out());
        assertTrue(r.out().contains("fetched 4 symbols x 2 sizes into " + dir.resolve("state/store")), r.out());
        // NADA, and the benchmarks SPY and QQQ the fake has no candles for: 5m and 1d each.
        assertTrue(r.out().contains("6 series failed"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("SPY\\s+5m .*FAILED: empty history.*")), "the benchmarks are fetched too: " + r.out());
        assertTrue(r.err().contains("ETA"), "progress on stderr: " + r.err());
        assertTrue(Files.isRegularFile(dir.resolve("state/store/timeframe=5m/symbol=AAPL/bars.parquet")));

        MainTest.Run list = MainTest.run("data", "list", "--config", config.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("AAPL\\s+5m .* " + fiveMinute + "\\s+0 schwab")), list.out());
    }

    /** 5-minute bars an early close (13:00) takes off a full session's 78. */
    static long earlyCloseBars(LocalDate first, LocalDate last) {
        long n = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) if (CAL.isTradingDay(d) && CAL.isEarlyClose(d)) n += 78 - 42;
        return n;
    }

    @Test
    void fetchIsRefusedWhileADaemonIsAliveOnTheStateDatabase() throws Exception {
        var loaded = new ConfigLoader(Map.of()).load(config);
        Store store = Store.open(loaded.resolve(loaded.config().state.db), 5000);
        store.jobs().beat(ProcessHandle.current().pid(), Instant.now().minusSeconds(60), Instant.now(), "wall", "paper");
        Files.writeString(dir.resolve("universe.txt"), "AAPL\n");
        MainTest.Run r = MainTest.run("data", "fetch", "--config", config.toString(), "--universe", dir.resolve("universe.txt").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("a daemon (pid " + ProcessHandle.current().pid() + ") is running"), r.err());
        assertTrue(md.historyCalls.isEmpty(), "not one request");
    }

    @Test
    void aSizeSchwabDoesNotServeIsRefusedByName() throws Exception {
        Files.writeString(dir.resolve("universe.txt"), "AAPL\n");
        MainTest.Run r = MainTest.run("data", "fetch", "--config", config.toString(), "--universe", dir.resolve("universe.txt").toString(),
                "--timeframes", "5m,1h");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--timeframes: Schwab has no 1h bars"), r.err());
    }
}
