package autotrader.web;

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
import autotrader.store.SchwabStatusRepository;
import autotrader.store.SchwabStatusRepository.SchwabStatus;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import autotrader.trading.TradingSystem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** The desk's /api/health carries the Schwab stream state the daemon wrote; a stopped stream makes it degraded, a down one does not. */
class DeskSchwabHealthTest {

    @TempDir
    Path dir;

    @Test
    void healthShowsTheStreamAndAStoppedOneIsAProblem() {
        Store store = Store.open(dir.resolve("state.db"), 5000);
        MutableClock clock = new MutableClock(Instant.parse("2024-06-12T16:00:00Z"));
        SimMarket market = new SimMarket(new SimSettings(3, 20, null));
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, market, MarketCalendar.nyse(), clock,
                new PaperBroker(store.jdbi(), market, clock::instant, new PaperFillModel(0, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1), Notifier.log()),
                new AppConfig().risk, new ApprovalService.Settings(Duration.ofMinutes(5), 0.01, false), LastPrice.from(market));
        OrderManager orders = system.orders();
        ApprovalService approvals = system.approvals();
        Desk desk = new Desk("paper", store, orders, approvals, LastPrice.from(market), clock, "wall clock", market, () -> "0123456789ab", null,
                dir.resolve("backtests"));
        DeskQueries q = new DeskQueries(desk);
        assertFalse(q.health().has("schwab"), "no Schwab daemon on this database");

        SchwabStatusRepository repo = new SchwabStatusRepository(store.jdbi());
        Instant t = Instant.parse("2026-12-02T15:00:00Z");
        repo.save(new SchwabStatus(t, "DOWN", "DOWN, 0 chart keys, last frame never, 1 reconnect today; bars from REST polling meanwhile", null, 0, false,
                null, 1, "socket failed", "12 calls last minute (quotes 10, history 2); 9.5/min over the last hour, peak 40/min; 0 answered 429", 12, 9.5, 0));
        ObjectNode h = q.health();
        assertEquals("DOWN", h.path("schwab").path("stream").path("phase").asText());
        assertEquals(12, h.path("schwab").path("rest").path("last_minute").asLong());
        assertEquals("ok", h.path("status").asText(), "a stream that is down retries by itself and REST covers it: " + h);

        repo.save(new SchwabStatus(t, "STOPPED", "STOPPED (LOGIN denied (code 3: Login Denied), 3 times in a row; not retrying)", null, 0, false, null, 3,
                "LOGIN denied (code 3: Login Denied), 3 times in a row; not retrying", "", 0, 0, 0));
        h = q.health();
        assertEquals("degraded", h.path("status").asText());
        assertTrue(h.path("problems").toString().contains("schwab stream STOPPED: LOGIN denied"), h.toString());
    }
}
