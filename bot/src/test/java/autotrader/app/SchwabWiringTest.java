package autotrader.app;

import autotrader.config.ConfigException;
import autotrader.config.ConfigLoader;
import autotrader.market.MarketData;
import autotrader.market.schwab.SchwabMarketData;
import autotrader.orders.Alerts;
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
import java.time.Instant;
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
        Broker broker = OrderLayer.broker(ctx, Instant::now, Alerts.log());
        assertInstanceOf(SchwabBroker.class, broker);
        assertSame(ctx.schwabHttp(Alerts.log(), "x"), ctx.schwabHttp(Alerts.log(), "y"), "one client per process");
        assertSame(ctx.schwabAuth(Alerts.log()), OrderLayer.schwabAuth(ctx, Alerts.log()));
        assertSame(ctx.schwabLimiter(), ctx.schwabLimiter());

        ((SchwabMarketData) market).refreshQuotes(List.of("AAPL"));
        broker.balances();
        assertTrue(fake.requestLog.stream().anyMatch(r -> r.startsWith("GET /marketdata/v1/quotes")), fake.requestLog.toString());
        assertTrue(fake.requestLog.stream().anyMatch(r -> r.startsWith("GET /trader/v1/accounts")), fake.requestLog.toString());
        assertEquals(0, fake.tokenCalls.get(), "one login, no second token exchange");
    }

    @Test
    void schwabSourceWithoutALoginIsRefusedWithTheReason() throws Exception {
        AppContext ctx = context("paper");
        ConfigException e = assertThrows(ConfigException.class, ctx::market);
        assertTrue(e.getMessage().contains("market.source is schwab") && e.getMessage().contains("schwab login"), e.getMessage());
    }
}
