package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.ConfigException;
import autotrader.config.ConfigLoader;
import autotrader.market.MarketData;
import autotrader.schwab.market.SchwabMarketData;
import autotrader.orders.Broker;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.SchwabBroker;
import autotrader.schwab.SchwabRig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** market.source schwab: AppContext builds SchwabMarketData on the same Schwab client as the broker. */
class SchwabWiringTest {

    @TempDir
    Path dir;
    FakeSchwab fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSchwab();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private AppContext context(String mode) throws Exception {
        Path cfg = TestConfigs.sim(dir, 5);
        Files.writeString(dir.resolve("symbols.txt"), "AAPL\nMSFT\nSPY\n");
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
                """.formatted(mode, fake.baseUrl()));
        return new AppContext(new ConfigLoader(Map.of("SCHWAB_APP_KEY", FakeSchwab.APP_KEY, "SCHWAB_APP_SECRET", FakeSchwab.APP_SECRET)).load(cfg));
    }

    @Test
    void schwabSourceBuildsSchwabMarketDataSharingOneClientWithTheBroker() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        SchwabRig.writeLogin(dir.resolve("state/tokens.json"), fake, Instant.now());
        AppContext ctx = context("live");

        MarketData market = ctx.market();
        assertInstanceOf(SchwabMarketData.class, market);
        assertEquals(List.of("AAPL", "MSFT"), market.universe(), "SPY is a benchmark, not a candidate");
        Broker broker = ctx.broker(Instant::now, Notifier.log());
        assertInstanceOf(SchwabBroker.class, broker);
        assertSame(ctx.schwabHttp("x"), ctx.schwabHttp("y"), "one client per process");
        assertSame(ctx.schwabLimiter(), ctx.schwabLimiter());

        ((SchwabMarketData) market).refreshQuotes(List.of("AAPL"));
        broker.balances();
        assertTrue(fake.requestLog.stream().anyMatch(r -> r.startsWith("GET /marketdata/v1/quotes")), fake.requestLog.toString());
        assertTrue(fake.requestLog.stream().anyMatch(r -> r.startsWith("GET /trader/v1/accounts")), fake.requestLog.toString());
        assertEquals(0, fake.tokenCalls.get(), "one login, no second token exchange");
    }

    @Test
    void theLoginAlertsReachTheTradersNotifierThoughTheMarketDataBuiltTheLoginFirst() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        SchwabRig.writeLogin(dir.resolve("state/tokens.json"), fake, Instant.now().minus(Duration.ofDays(8)));   // the login expired
        AppContext ctx = context("live");
        assertInstanceOf(SchwabMarketData.class, ctx.market(), "market.source schwab builds the Schwab login first, before the daemon's alerts exist");

        List<String> toTrader = Collections.synchronizedList(new ArrayList<>());
        ctx.schwabAlertsTo(Notifier.logged((kind, text) -> toTrader.add(kind + " " + text)));   // as RunCommand does
        Broker broker = ctx.broker(Instant::now, Notifier.log());
        assertTrue(broker.placementBlockedReason().isPresent(), "monitor-only");
        assertEquals(1, toTrader.size(), toTrader.toString());
        assertTrue(toTrader.get(0).startsWith("TOKEN_EXPIRY Schwab login needed: the 7-day refresh token expired"), toTrader.get(0));
    }

    @Test
    void schwabSourceWithoutALoginIsRefusedWithTheReason() throws Exception {
        AppContext ctx = context("paper");
        ConfigException e = assertThrows(ConfigException.class, ctx::market);
        assertTrue(e.getMessage().contains("market.source is schwab") && e.getMessage().contains("schwab login"), e.getMessage());
    }
}
