package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.ConfigLoader;
import autotrader.schwab.market.SchwabMarketData;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.FakeStreamer;
import autotrader.schwab.SchwabRig;
import autotrader.store.SchwabStatusRepository;
import autotrader.testing.Eventually;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** What `run` starts on the Schwab source: the stream as configured, its candidates from the scan, its state in the store. */
class SchwabStreamWiringTest {

    @TempDir
    Path dir;
    FakeSchwab fake;
    FakeStreamer streamer;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
        streamer = new FakeStreamer(() -> fake.accessToken, 100);
        fake.streamer = streamer;
    }

    @AfterEach
    void stop() {
        streamer.close();
        fake.close();
    }

    private AppContext context(String mode, String streaming) throws Exception {
        Path cfg = TestConfigs.sim(dir, 5);
        Files.writeString(dir.resolve("symbols.txt"), "AAPL\nMSFT\nSPY\nQQQ\n");
        Files.writeString(cfg, """
                mode: %s
                market:
                  source: schwab
                  schwab:
                    universe_file: symbols.txt
                    cache_dir: state/bars
                state:
                  db: state/test.db
                schwab:
                  base_url: %s
                  token_file: state/tokens.json
                %s
                """.formatted(mode, fake.baseUrl(), streaming));
        Files.createDirectories(dir.resolve("state"));
        SchwabRig.writeLogin(dir.resolve("state/tokens.json"), fake, Instant.now());
        return new AppContext(new ConfigLoader(Map.of("SCHWAB_APP_KEY", FakeSchwab.APP_KEY, "SCHWAB_APP_SECRET", FakeSchwab.APP_SECRET)).load(cfg));
    }

    static void await(String what, BooleanSupplier condition) {
        Eventually.await(what, condition);
    }

    @Test
    void liveModeStreamsTheBenchmarksAndTheScansCandidatesAndAccountActivity() throws Exception {
        AppContext ctx = context("live", "");
        SchwabMarketData market = (SchwabMarketData) ctx.market();
        List<String> alerts = Collections.synchronizedList(new ArrayList<>());
        TradingSystem orders = ctx.trading(Instant::now, Notifier.log());
        SchwabStatusRepository repo = new SchwabStatusRepository(ctx.store().jdbi());
        try (SchwabStreamWiring w = SchwabStreamWiring.start(ctx, market, orders.orders(), (l, m) -> alerts.add(l + " " + m))) {
            await("benchmarks streamed", () -> streamer.chartKeys().equals(Set.of("SPY", "QQQ")));
            await("account activity", () -> streamer.live().get(0).keys("ACCT_ACTIVITY").equals(Set.of("Account Activity")));
            market.candidatesChosen(List.of("AAPL"), Instant.now());
            await("candidate streamed", () -> streamer.chartKeys().equals(Set.of("SPY", "QQQ", "AAPL")));
            await("status written", () -> repo.load().map(s -> s.phase().equals("STREAMING")).orElse(false));
            assertTrue(repo.load().orElseThrow().accountActivity());
            assertTrue(repo.load().orElseThrow().restLine().contains("answered 429"));
        }
        assertEquals("OFF", repo.load().orElseThrow().phase(), "the last word on stopping");
        assertEquals(0, streamer.openSockets());
        assertTrue(alerts.isEmpty(), alerts.toString());
    }

    @Test
    void paperModeDoesNotStreamUnlessSwitchedOnAndThenWithoutAccountActivity() throws Exception {
        AppContext ctx = context("paper", "");
        TradingSystem orders = ctx.trading(Instant::now, Notifier.log());
        SchwabStatusRepository repo = new SchwabStatusRepository(ctx.store().jdbi());
        try (SchwabStreamWiring w = SchwabStreamWiring.start(ctx, ctx.market(), orders.orders(), (l, m) -> { })) {
            await("status written", () -> repo.load().isPresent());
            assertEquals("OFF", repo.load().orElseThrow().phase());
            assertTrue(repo.load().orElseThrow().reason().contains("off"));
            assertEquals(0, streamer.logins.get(), "no stream in paper mode by default");
        }
    }

    @Test
    void paperModeSwitchedOnStreamsBarsOnly() throws Exception {
        AppContext ctx = context("paper", "  streaming:\n    enabled: true\n");
        TradingSystem orders = ctx.trading(Instant::now, Notifier.log());
        try (SchwabStreamWiring w = SchwabStreamWiring.start(ctx, ctx.market(), orders.orders(), (l, m) -> { })) {
            await("benchmarks streamed", () -> streamer.chartKeys().equals(Set.of("SPY", "QQQ")));
            assertTrue(streamer.live().get(0).keys("ACCT_ACTIVITY").isEmpty(), "paper orders are not Schwab's: no account activity");
        }
    }
}
