package autotrader.trading;

import autotrader.alerts.AlertKind;
import autotrader.approvals.ApprovalChannel;
import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.PendingIntent;
import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.orders.OrderRole;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.rules.TradeIntent;
import autotrader.store.Store;
import autotrader.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The composition root: one order manager behind the approvals, the reconciler and the loop, over the ports given. */
class TradingSystemTest {

    private static final SimMarket MARKET = new SimMarket(new SimSettings(3, 20, null));
    private static final Instant NOON = LocalDateTime.parse("2024-06-12T12:00").atZone(MarketCalendar.NEW_YORK).toInstant();

    @TempDir
    Path dir;

    @Test
    void anIntentApprovedThroughItsApprovalsIsAnOrderOfItsOrderManagerAndTheAlertsGoToItsNotifier() {
        Store store = Store.open(dir.resolve("state.db"), 5000);
        MutableClock clock = new MutableClock(NOON);
        List<String> alerts = new ArrayList<>();
        PaperBroker broker = new PaperBroker(store.jdbi(), MARKET, clock::instant, new PaperFillModel(5, 0, 0), BigDecimal.valueOf(100_000), Timeframe.M1);
        AppConfig config = new AppConfig();
        config.approvals.paperAutoApprove = true;
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, MARKET, MarketCalendar.nyse(), clock, broker,
                (kind, text) -> alerts.add(kind + " " + text)), config, true);
        List<ApprovalOutcome> settled = new ArrayList<>();
        system.approvals().connect(new ApprovalChannel() {
            @Override
            public void offer(PendingIntent intent) {
            }

            @Override
            public void settled(ApprovalOutcome outcome) {
                settled.add(outcome);
            }
        });
        double p = MARKET.bars("SIM0001", Timeframe.M1, NOON, 1).get(0).close();
        TradeIntent t = new TradeIntent("SIM0001", "BUY", 10, "MARKET", p, Double.NaN, p * 0.97, p * 1.05, 0, 1, 0.75, 3.0, 4, "1h",
                List.of("test"), "test-rules");

        assertTrue(system.approvals().propose(t, p).refused().isEmpty());
        assertEquals(1, settled.size(), "auto-approved at once: " + settled);
        assertEquals(1, system.orders().repository().all(system.orders().account(), 10).stream().filter(o -> o.symbol().equals("SIM0001") && o.role() == OrderRole.ENTRY).count(),
                "the approvals sent it through the system's one order manager");
        clock.set(NOON.plusSeconds(120));
        system.reconciler().reconcile();
        assertEquals(10, system.orders().repository().positions(system.orders().account()).stream()
                .filter(x -> x.symbol().equals("SIM0001")).mapToLong(x -> x.quantity()).sum(), "filled on the paper broker, seen by its reconciler");
        assertTrue(alerts.stream().anyMatch(a -> a.startsWith(AlertKind.FILL + " Filled: bought 10 SIM0001")), alerts.toString());
    }
}
