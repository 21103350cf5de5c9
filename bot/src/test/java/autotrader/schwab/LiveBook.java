package autotrader.schwab;

import autotrader.alerts.Notifier;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.Reconciler;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

/**
 * The live order layer of the lifecycle tests: a real OrderManager and Reconciler on the fake Schwab
 * and a real SQLite store, with the market clock the test moves (the reconciler reads it to know when
 * an entry's DAY session has closed).
 */
final class LiveBook {

    final OrderManager manager;
    final OrderRepository repo;
    final Reconciler reconciler;
    final Store store;

    LiveBook(SchwabRig rig, Store store, Clock marketClock) {
        this.store = store;
        Notifier alerts = (level, msg) -> rig.alerts.add(level + " " + msg);
        repo = new OrderRepository(store.jdbi(), marketClock);
        manager = new OrderManager(rig.broker, repo, new ControlFlags(store.jdbi(), marketClock), alerts, CrashPoints.NONE, marketClock);
        reconciler = new Reconciler(manager, alerts, Duration.ZERO, d -> { });
    }

    static OrderRequest bracket(String intent, String symbol, long qty) {
        return OrderRequest.entry(intent, symbol, Side.BUY, qty, EntryType.LIMIT, new BigDecimal("14.97"),
                new BigDecimal("11.27"), new BigDecimal("15.27"), null);
    }

    /** What TradingLoop.monitor reads each tick: every order we sent that is open or has open legs, then each of its legs. */
    void monitor() {
        for (StoredOrder o : repo.sentNeedingSync(manager.account())) {
            manager.refresh(o.id());
            for (StoredOrder child : repo.children(o.id())) {
                if (child.brokerOrderId() != null) manager.refresh(child.id());
            }
        }
    }

    StoredOrder leg(long parentId, OrderRole role) {
        return repo.children(parentId).stream().filter(k -> k.role() == role).findFirst().orElseThrow(() -> new AssertionError("no " + role + " leg"));
    }

    long position(String symbol) {
        return repo.positions(manager.account()).stream().filter(p -> p.symbol().equals(symbol)).mapToLong(OrderRepository.BookPosition::quantity).sum();
    }

    BigDecimal cash() {
        return repo.cash(manager.account()).orElseThrow();
    }

    /** Recorded fills (rows of table fills) of orders in {@code role}. */
    int fills(OrderRole role) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.role = ?")
                .bind(0, role.name()).mapTo(Integer.class).one());
    }
}
