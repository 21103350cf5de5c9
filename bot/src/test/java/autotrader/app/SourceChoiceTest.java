package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.config.ConfigException;
import autotrader.config.ConfigLoader;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.store.BarStore;
import autotrader.market.store.StoreMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** market.source auto: the bar store when it holds a series, else the simulator; live never on the simulator. */
class SourceChoiceTest {

    static final MarketCalendar NYSE = MarketCalendar.nyse();
    static final Map<String, String> SCHWAB_ENV = Map.of("SCHWAB_APP_KEY", "k1", "SCHWAB_APP_SECRET", "s1");

    @TempDir
    Path dir;

    /** A config in {@code dir} with the committed momentum strategy; {@code market} is the market section's body (may be empty). */
    private Path config(String mode, String market) throws IOException {
        Files.createDirectories(dir.resolve("strategies"));
        Files.copy(Path.of("..", "strategies", "momentum.yaml"), dir.resolve("strategies/momentum.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        Path cfg = dir.resolve("config.yaml");
        Files.writeString(cfg, "mode: " + mode + "\n" + (market.isEmpty() ? "" : "market:\n" + market)
                + "state:\n  db: state/test.db\nschwab:\n  app_key: ${SCHWAB_APP_KEY}\n  app_secret: ${SCHWAB_APP_SECRET}\n");
        return cfg;
    }

    private AppContext context(String mode, String market) throws IOException {
        return new AppContext(new ConfigLoader(SCHWAB_ENV).load(config(mode, market)));
    }

    /** Thirty daily bars of AAA and SPY written by BarStore itself into {@code root}. */
    private static void storeBars(Path root) {
        List<Bar> bars = new ArrayList<>();
        LocalDate d = LocalDate.of(2025, 3, 3);
        for (int i = 0; bars.size() < 30; d = d.plusDays(1)) {
            if (!NYSE.isTradingDay(d)) continue;
            double p = 50 + i++;
            bars.add(new Bar(NYSE.openInstant(d), NYSE.closeInstant(d), p, p + 1, p - 1, p + 0.5, 10_000));
        }
        try (BarStore s = new BarStore(root)) {
            assertEquals(30, s.write("AAA", Timeframe.D1, bars, "csv"));
            assertEquals(30, s.write("SPY", Timeframe.D1, bars, "csv"));
        }
    }

    @Test
    void theDefaultIsAutoAndAnEmptyStoreMeansTheSimulatorSaidSo() throws IOException {
        // No market.source in the file: the default, auto. The store folder does not exist yet.
        AppContext ctx = context("paper", "");
        assertEquals(AppConfig.Source.SIM, ctx.config().market.source, "resolved, so every reader of the config sees sim");
        assertInstanceOf(SimMarket.class, ctx.market());
        assertTrue(ctx.market().simulated());
        assertEquals("PAPER", ctx.config().mode.shown(ctx.market().simulated()), "the desk and Telegram label");
        assertTrue(ctx.source().why().contains("no bars in " + dir.resolve("state/store")) && ctx.source().why().contains("`data import` or `data fetch`"),
                ctx.source().why());

        // An existing but empty store folder (a timeframe folder without a series too) is still no bars.
        Files.createDirectories(dir.resolve("state/store/timeframe=1d/symbol=AAA"));
        AppContext again = context("paper", "  source: auto\n");
        assertEquals(AppConfig.Source.SIM, again.source().source());
        assertInstanceOf(SimMarket.class, again.market());
    }

    @Test
    void autoWithStoredBarsReadsTheStore() throws IOException {
        storeBars(dir.resolve("bars"));
        AppContext ctx = context("paper", "  source: auto\n  store_dir: bars\n");
        assertEquals(AppConfig.Source.STORE, ctx.config().market.source);
        assertInstanceOf(StoreMarket.class, ctx.market());
        assertFalse(ctx.market().simulated());
        assertEquals("PAPER with REAL PRICES", ctx.config().mode.shown(ctx.market().simulated()));
        assertEquals(List.of("AAA"), ctx.market().universe(), "the stored bars, SPY a benchmark");
        assertTrue(ctx.source().why().contains("holds 2 series"), ctx.source().why());
    }

    @Test
    void aTornStoreIsStillTheStoreNeverTheSimulator() throws IOException {
        Path root = dir.resolve("state/store");
        storeBars(root);
        Path aaa = root.resolve("timeframe=1d/symbol=AAA/bars.parquet");
        Path spy = root.resolve("timeframe=1d/symbol=SPY/bars.parquet");
        Files.write(aaa, new byte[]{'P', 'A', 'R', '1', 0, 1, 2});            // a write cut short
        Files.move(spy, spy.resolveSibling("_bars.parquet.torn-1700000000000"));   // one already moved aside by a read
        AppContext ctx = context("paper", "");
        assertEquals(AppConfig.Source.STORE, ctx.source().source(), ctx.source().why());
        assertTrue(ctx.source().why().contains("holds 2 series (1 of them only a torn file"), ctx.source().why());
        assertInstanceOf(StoreMarket.class, ctx.market());
    }

    @Test
    void aStoreFolderThatIsAFileIsAConfigErrorNotTheSimulator() throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/store"), "not a folder");
        ConfigException e = assertThrows(ConfigException.class, () -> context("paper", ""));
        assertTrue(e.getMessage().contains("key 'market.store_dir'") && e.getMessage().contains("is not a folder"), e.getMessage());
    }

    @Test
    void aBadSourceValueNamesTheKeyAndListsAuto() throws IOException {
        Path cfg = config("paper", "  source: parquet\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(cfg));
        assertTrue(e.getMessage().contains("market.source") && e.getMessage().contains("parquet"), e.getMessage());
        assertTrue(e.getMessage().contains("auto, sim, csv, store, schwab"), e.getMessage());
    }

    @Test
    void liveOnAnEmptyStoreIsRefusedWhereTheMarketIsBuiltWithExitCode2() throws IOException {
        AppContext ctx = context("live", "  source: auto\n");
        // The context itself is built, so `data fetch` / `data import` / `schwab login` still run from a live config ...
        assertNotNull(ctx.store());
        // ... but no price is read from the simulator.
        ConfigException e = assertThrows(ConfigException.class, ctx::market);
        assertTrue(e.getMessage().contains("key 'market.source': auto found no bars in " + dir.resolve("state/store") + " and mode is live"),
                e.getMessage());
        assertTrue(e.getMessage().contains("data fetch") && e.getMessage().contains("store, csv or schwab"), e.getMessage());

        // The daemon as a person starts it: exit 2, the reason on stderr, before any broker or job.
        // (The secrets are read from the environment; PATH and HOME are set wherever the tests run.)
        Path cfg = config("live", "  source: auto\n");
        Files.writeString(cfg, Files.readString(cfg).replace("${SCHWAB_APP_KEY}", "${PATH}").replace("${SCHWAB_APP_SECRET}", "${HOME}"));
        MainTest.Run r = MainTest.run("run", "--config", cfg.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("config error: ") && r.err().contains("mode is live: live orders are never decided on the simulator"), r.err());
        assertFalse(Files.exists(dir.resolve("state/tokens.json")), "nothing reached Schwab");
    }

    @Test
    void liveOnTheSimulatorNamedOutrightIsRefusedToo() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, context("live", "  source: sim\n")::market);
        assertTrue(e.getMessage().contains("key 'market.source': sim with mode live"), e.getMessage());
        // Live on stored bars is not the simulator: the market is built.
        storeBars(dir.resolve("state/store"));
        assertInstanceOf(StoreMarket.class, context("live", "").market());
    }

    @Test
    void backtestAndTrainFollowAutoAndRefuseADirWithoutAStore() throws IOException {
        Path cfg = config("paper", "");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        MainTest.Run b = MainTest.run("backtest", "--config", cfg.toString(), "--dir", empty.toString(), "--from", "2025-03-03", "--to", "2025-04-11");
        assertEquals(2, b.code(), b.err());
        assertTrue(b.err().contains("--dir " + empty + " holds no bar store series and the source is auto"), b.err());
        MainTest.Run t = MainTest.run("train", "predictors", "--config", cfg.toString(), "--source", "auto", "--dir", empty.toString());
        assertEquals(2, t.code(), t.err());
        assertTrue(t.err().contains("--source csv for a csv folder"), t.err());
        MainTest.Run bad = MainTest.run("train", "predictors", "--config", cfg.toString(), "--source", "parquet");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--source must be auto, sim, csv or store"), bad.err());
    }
}
