package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.OrderManager;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.schwab.FakeSchwab;
import autotrader.schwab.FakeStreamer;
import autotrader.schwab.RestBudget;
import autotrader.schwab.SchwabHttp;
import autotrader.schwab.SchwabRig;
import autotrader.schwab.stream.StreamSettings;
import autotrader.schwab.stream.StreamState;
import autotrader.schwab.stream.StreamSupervisor;
import autotrader.schwab.stream.StreamerInfo;
import autotrader.store.SchwabStatusRepository;
import autotrader.store.Store;
import autotrader.testing.Eventually;
import autotrader.testing.MutableClock;
import autotrader.trading.TradingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The stream's state and the REST counts as the daemon writes them (control_flags) and as Telegram's
 * /status and `status` (another process, SQLite only) show them: streaming, down with REST meanwhile,
 * stopped after denied LOGINs with the reason.
 */
class SchwabStreamStatusTest {

    @TempDir
    Path dir;

    static void await(String what, BooleanSupplier condition) {
        Eventually.await(what, condition);
    }

    @Test
    void streamStateAndRestCountsReachTelegramStatusThroughTheStore() throws Exception {
        Store store = Store.open(dir.resolve("state.db"), 5000);
        SchwabStatusRepository repo = new SchwabStatusRepository(store.jdbi());
        MutableClock clock = new MutableClock(Instant.parse("2024-06-12T16:00:00Z"));
        SimMarket market = new SimMarket(new SimSettings(3, 20, null));
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, market, MarketCalendar.nyse(), clock,
                new PaperBroker(store.jdbi(), market, clock::instant, new PaperFillModel(0, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1), Notifier.log()),
                new AppConfig().risk, new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false), LastPrice.from(market));
        OrderManager orders = system.orders();
        ApprovalService approvals = system.approvals();
        TraderDesk desk = new TraderDesk("live", store, orders, approvals, LastPrice.from(market), clock, () -> null);
        assertFalse(desk.status().contains("Schwab stream"), "no Schwab daemon has run on this database");

        try (FakeSchwab fake = new FakeSchwab(); FakeStreamer streamer = new FakeStreamer(() -> fake.accessToken, 100)) {
            fake.streamer = streamer;
            SchwabRig.writeLogin(dir.resolve("tokens.json"), fake, Instant.now());
            SchwabRig rig = new SchwabRig(fake.baseUrl(), dir.resolve("tokens.json"), Clock.systemUTC());
            MutableClock wall = new MutableClock(Instant.parse("2026-12-02T15:00:10Z"));
            RestBudget budget = new RestBudget(wall);
            rig.http.countInto(budget);
            try (StreamSupervisor s = new StreamSupervisor(() -> StreamerInfo.fetch(rig.http), StreamSupervisor.Tokens.of(rig.auth),
                    SchwabHttp.defaultClient(), new StreamSettings(Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(60), 2),
                    Clock.systemUTC(), (l, m) -> { }, List.of("SPY", "QQQ"), true, b -> { }, a -> { }, () -> 0.5).start()) {
                await("streaming", () -> s.streaming() && s.state().chartKeys() == 2);
                wall.advance(Duration.ofMinutes(1));
                repo.save(SchwabStreamWiring.snapshot(s.state(), budget, wall));
                String status = desk.status();
                assertTrue(status.contains("Schwab stream: STREAMING since "), status);
                assertTrue(status.contains("2 chart keys + account activity") && status.contains("0 reconnects today"), status);
                assertTrue(status.contains("Schwab REST: 1 calls last minute (accounts 1)"), status);   // the userPreference call
                assertEquals(0, repo.load().orElseThrow().rest429());

                streamer.denyLogins = -1;
                streamer.dropAll();
                await("stopped", () -> s.state().phase() == StreamState.Phase.STOPPED);
                repo.save(SchwabStreamWiring.snapshot(s.state(), budget, wall));
                SchwabStatusRepository.SchwabStatus stopped = repo.load().orElseThrow();
                assertEquals("STOPPED", stopped.phase());
                assertTrue(stopped.reason().contains("LOGIN denied") && stopped.reason().contains("token invalid"), stopped.reason());
                assertTrue(desk.status().contains("Schwab stream: STOPPED"), desk.status());
                assertTrue(stopped.written(wall.instant()).startsWith("as of "));
                assertTrue(stopped.written(wall.instant().plusSeconds(120)).contains("no daemon updating it"));
            }
        }
    }

    @Test
    void theConfigTurnsIntoTheSupervisorsSettings() {
        AppConfig.Streaming c = new AppConfig.Streaming();
        c.heartbeatTimeoutSeconds = 45;
        c.backoffInitialSeconds = 0.5;
        c.backoffMaxSeconds = 90;
        c.maxLoginDenials = 4;
        StreamSettings s = SchwabStreamWiring.settings(c);
        assertEquals(Duration.ofSeconds(45), s.heartbeatTimeout());
        assertEquals(Duration.ofMillis(500), s.backoffInitial());
        assertEquals(Duration.ofSeconds(90), s.backoffMax());
        assertEquals(4, s.maxLoginDenials());
    }
}
