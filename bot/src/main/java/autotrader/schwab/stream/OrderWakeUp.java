package autotrader.schwab.stream;

import autotrader.orders.OrderManager;
import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * ACCT_ACTIVITY as a wake-up: the order it names is read back over REST at once through
 * {@link OrderManager#refresh} (the REST order is the truth; the message itself is never applied).
 * One order's burst of messages (created, accepted, execution requested, fill completed) costs one
 * read-back while the previous one is still queued. An order the book does not know by that id (a
 * POST whose answer was lost) lets the manager settle its UNKNOWN orders instead. The timed monitor
 * stays as the safety net. Read-backs run on their own thread, never on the stream's.
 */
public final class OrderWakeUp implements Consumer<AccountActivity>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderWakeUp.class);
    private static final String ANY = "*unknown*";

    private final OrderManager manager;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "schwab-order-wakeup");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final AtomicLong readBacks = new AtomicLong();

    public OrderWakeUp(OrderManager manager) {
        this.manager = manager;
    }

    @Override
    public void accept(AccountActivity a) {
        String key = a.orderId().orElse(ANY);
        if (!queued.add(key)) return;   // already waiting: that read-back will see this change too
        try {
            worker.execute(() -> {
                queued.remove(key);
                readBack(a.orderId(), a.type());
            });
        } catch (RejectedExecutionException e) {
            queued.remove(key);
        }
    }

    private void readBack(Optional<String> brokerId, String type) {
        try {
            Optional<StoredOrder> local = brokerId.flatMap(id -> manager.repository().byBrokerId(manager.account(), id));
            if (local.isPresent()) {
                StoredOrder o = local.get();
                readBacks.incrementAndGet();
                StoredOrder after = manager.refresh(o.id());
                // A leg's fill also ends its OCO sibling: the parent's read-back applies the whole tree.
                if (o.parentId() != null) manager.refresh(o.parentId());
                LOG.info("schwab {} for order {} (broker id {}): read back, {} -> {}", type, o.id(), o.brokerOrderId(), o.state(), after.state());
            } else if (!manager.repository().inStates(manager.account(), OrderState.UNKNOWN).isEmpty()) {
                readBacks.incrementAndGet();
                LOG.info("schwab {} for an order not in the book ({}): settling the orders whose placement is unknown", type, brokerId.orElse("no id"));
                manager.settleUnknown();
            } else {
                LOG.debug("schwab {} for order {}: not one of ours, nothing to read back", type, brokerId.orElse("?"));
            }
        } catch (RuntimeException e) {
            LOG.warn("schwab {}: reading order {} back failed ({}); the timed monitor reads it again", type, brokerId.orElse("?"), e.getMessage());
        }
    }

    /** Read-backs done so far. */
    public long readBacks() {
        return readBacks.get();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) worker.shutdownNow();
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
