package autotrader.orders.paper;

import autotrader.market.Timeframe;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.Reconciler;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static autotrader.orders.paper.PaperBrokerTest.T0;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue #21 on the paper broker: a stand-alone protection (placed by the reconciler after the
 * bracket's legs went away) whose take-profit fills cancels its stop, and the reconciler places
 * nothing more for the closed position. (The bracket's own take-profit is covered by
 * PaperBrokerTest.bracketLegsWakeAfterTheEntryAndOneCancelsTheOther.)
 */
class PaperTakeProfitTest {

    @TempDir
    Path dir;

    @Test
    void aProtectionsTakeProfitFillCancelsItsStopAndTheReconcilerPlacesNothingMore() {
        Store store = Store.open(dir.resolve("paper.db"), 2000);
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        PaperBrokerTest.MinuteBars market = new PaperBrokerTest.MinuteBars();
        market.bar("PRT", 0, 50.0, 50.5, 49.5, 50.0);
        market.bar("PRT", 1, 50.0, 50.6, 49.8, 50.2);
        market.bar("PRT", 2, 50.2, 50.5, 50.0, 50.3);
        market.bar("PRT", 3, 50.3, 52.5, 50.2, 52.0);      // reaches the take-profit 52.00, not the stop 48.00
        PaperBroker broker = new PaperBroker(store.jdbi(), market, now::get, new PaperFillModel(0, 0, 0), new BigDecimal("10000"), Timeframe.M1);
        Clock c = Clock.systemUTC();
        OrderRepository repo = new OrderRepository(store.jdbi(), c);
        OrderManager m = new OrderManager(broker, repo, new ControlFlags(store.jdbi(), c), (l, s) -> { }, CrashPoints.NONE, c);
        Reconciler reconciler = new Reconciler(m, (l, s) -> { }, Duration.ZERO, d -> { });

        StoredOrder e = m.submit(OrderRequest.entry("pt-1", "PRT", Side.BUY, 10, EntryType.MARKET, null,
                new BigDecimal("48.00"), new BigDecimal("52.00"), null));
        now.set(T0.plusSeconds(60));
        assertEquals(OrderState.FILLED, m.refresh(e.id()).state());
        for (StoredOrder leg : repo.children(e.id())) broker.cancel(leg.brokerOrderId());
        Reconciler.Report placed = reconciler.reconcile();
        assertEquals(1, placed.protectionsPlaced().size(), placed.toString());
        StoredOrder protection = repo.get(placed.protectionsPlaced().get(0));

        now.set(T0.plusSeconds(240));
        Reconciler.Report after = reconciler.reconcile();
        assertEquals(OrderState.FILLED, repo.get(protection.id()).state());
        StoredOrder takeProfit = repo.children(protection.id()).stream().filter(k -> k.role() == OrderRole.TAKE_PROFIT).findFirst().orElseThrow();
        StoredOrder stop = repo.children(protection.id()).stream().filter(k -> k.role() == OrderRole.STOP_LOSS).findFirst().orElseThrow();
        assertEquals(OrderState.FILLED, takeProfit.state());
        assertEquals(0, new BigDecimal("52.00").compareTo(takeProfit.avgFillPrice()));
        assertEquals(OrderState.CANCELED, stop.state());
        assertTrue(broker.positions().isEmpty());
        assertTrue(repo.positions("paper").isEmpty());
        assertEquals(0, new BigDecimal("10020.00").compareTo(broker.balances().cash()), "bought 10 @ 50.00, sold @ 52.00");
        assertEquals(0, new BigDecimal("20.00").compareTo(repo.cash("paper").orElseThrow()));
        int takeProfitFills = store.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.role = 'TAKE_PROFIT'").mapTo(Integer.class).one());
        assertEquals(1, takeProfitFills);
        assertTrue(after.protectionsPlaced().isEmpty(), after.toString());
        assertTrue(reconciler.reconcile().protectionsPlaced().isEmpty());
        assertEquals(2, repo.all("paper", 100).stream().filter(StoredOrder::sentByUs).count(), "the entry and the one protection");
    }
}
