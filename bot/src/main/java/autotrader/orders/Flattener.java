package autotrader.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `flatten`: pause entries, cancel every open order, close every position with one market order.
 *
 * <p>Two things make the order of the steps matter. A broker cancels a parent's legs with it (and
 * one leg of an OCO with the other), so the legs are never cancelled one by one after their parent:
 * a leg of an open parent goes with the parent's cancel, each other order is asked about at the
 * broker first and skipped when it is already closed or closing, and after each cancel the order
 * carrying the legs is read back. And a
 * cancel is only a request: a stop leg still working when the closing market order fills would sell
 * a second time (a short position) or have the exit refused. So the exits wait until the broker
 * reports every cancel done; a symbol whose orders are still open after a few reads gets no exit, and
 * the problem says to run flatten again.
 */
public final class Flattener {

    private static final Logger log = LoggerFactory.getLogger(Flattener.class);
    static final int CONFIRM_READS = 5;
    static final Duration CONFIRM_PAUSE = Duration.ofMillis(500);
    private static final OrderState[] OPEN = {OrderState.INTENT, OrderState.APPROVED, OrderState.SUBMITTING, OrderState.UNKNOWN,
            OrderState.WAITING, OrderState.SUBMITTED, OrderState.PARTIALLY_FILLED};

    private final OrderManager manager;
    private final OrderRepository repo;
    private final Reconciler.Sleeper sleeper;

    public Flattener(OrderManager manager, Reconciler.Sleeper sleeper) {
        this.manager = manager;
        this.repo = manager.repository();
        this.sleeper = sleeper;
    }

    public OrderManager.FlattenResult flatten(String actor) {
        manager.flags().setPaused(true, actor);
        List<String> canceled = new ArrayList<>(), problems = new ArrayList<>();
        for (StoredOrder listed : repo.inStates(manager.account(), OPEN)) {
            StoredOrder o = repo.get(listed.id());       // an earlier cancel's read-back may have closed it meanwhile
            if (o.state().isTerminal()) continue;
            try {
                cancel(o, actor, canceled, problems);
            } catch (RuntimeException e) {
                problems.add("cancel order " + o.id() + ": " + e.getMessage());
            }
        }
        Map<String, List<Long>> stillOpen = awaitCancels(null);
        List<StoredOrder> exits = new ArrayList<>();
        String stamp = manager.clock().instant().toString();
        for (BrokerPosition p : manager.broker().positions()) {
            long qty = p.quantity().abs().setScale(0, RoundingMode.DOWN).longValueExact();
            if (qty == 0) continue;
            if (stillOpen.containsKey(p.symbol())) {
                problems.add("close " + p.symbol() + ": not sent, order(s) " + stillOpen.get(p.symbol())
                        + " still open at the broker after the cancel (an exit now could sell twice); run flatten again");
                continue;
            }
            Side side = p.quantity().signum() > 0 ? Side.SELL : Side.BUY;
            try {
                StoredOrder exit = manager.submit(OrderRequest.marketExit("flatten:" + stamp + ":" + p.symbol(), p.symbol(), side, qty), null, actor);
                exits.add(exit);
                if (exit.state() == OrderState.FAILED || exit.state() == OrderState.REJECTED) {
                    problems.add("close " + p.symbol() + ": order " + exit.id() + " " + exit.state());
                }
            } catch (RuntimeException e) {
                problems.add("close " + p.symbol() + ": " + e.getMessage());
            }
        }
        for (StoredOrder o : repo.inStates(manager.account(), OrderState.SUBMITTED, OrderState.WAITING, OrderState.PARTIALLY_FILLED)) {
            if (o.sentByUs()) refreshQuietly(o.id());
        }
        return new OrderManager.FlattenResult(canceled, exits, problems);
    }

    /**
     * Closes one position: cancels that symbol's open orders (its protective legs first of all, or
     * they would fire against the closed position), waits for the broker to confirm, then sends one
     * market exit for the bot's book quantity. Entries stay allowed: this is not a pause. Other
     * symbols' orders and positions are not touched.
     */
    public OrderManager.FlattenResult close(String symbol, String actor) {
        List<String> canceled = new ArrayList<>(), problems = new ArrayList<>();
        List<StoredOrder> exits = new ArrayList<>();
        long book = repo.positions(manager.account()).stream().filter(p -> p.symbol().equals(symbol))
                .mapToLong(OrderRepository.BookPosition::quantity).findFirst().orElse(0);
        if (book == 0) {
            problems.add("no open position in " + symbol);
            return new OrderManager.FlattenResult(canceled, exits, problems);
        }
        for (StoredOrder listed : repo.inStates(manager.account(), OPEN)) {
            if (!listed.symbol().equals(symbol)) continue;
            StoredOrder o = repo.get(listed.id());
            if (o.state().isTerminal()) continue;
            try {
                cancel(o, actor, canceled, problems);
            } catch (RuntimeException e) {
                problems.add("cancel order " + o.id() + ": " + e.getMessage());
            }
        }
        List<Long> stillOpen = awaitCancels(symbol).get(symbol);
        if (stillOpen != null) {
            problems.add("close " + symbol + ": not sent, order(s) " + stillOpen
                    + " still open at the broker after the cancel (an exit now could sell twice); close again");
            return new OrderManager.FlattenResult(canceled, exits, problems);
        }
        Side side = book > 0 ? Side.SELL : Side.BUY;
        try {
            StoredOrder exit = manager.submit(OrderRequest.marketExit("close:" + manager.clock().instant() + ":" + symbol, symbol, side,
                    Math.abs(book)), null, actor);
            exits.add(exit);
            if (exit.state() == OrderState.FAILED || exit.state() == OrderState.REJECTED) {
                problems.add("close " + symbol + ": order " + exit.id() + " " + exit.state());
            }
        } catch (RuntimeException e) {
            problems.add("close " + symbol + ": " + e.getMessage());
        }
        return new OrderManager.FlattenResult(canceled, exits, problems);
    }

    private void cancel(StoredOrder o, String actor, List<String> canceled, List<String> problems) {
        String what = "order " + o.id() + " " + o.role() + " " + o.side() + " " + o.quantity() + " " + o.symbol();
        if (o.state() == OrderState.INTENT || o.state() == OrderState.APPROVED) {
            repo.transition(o.id(), OrderState.CANCELED, "flatten by " + actor);
            canceled.add(what);
            return;
        }
        StoredOrder parent = o.parentId() == null ? null : repo.get(o.parentId());
        if (!o.sentByUs() && parent != null && parent.state().isLive() && parent.brokerOrderId() != null) {
            // A leg the broker made for an open parent: canceling the parent cancels it.
            canceled.add(what + " (with order " + parent.id() + ")");
            return;
        }
        if (o.brokerOrderId() == null) {
            problems.add("order " + o.id() + " is " + o.state() + " without a broker id; reconcile, then flatten again");
            return;
        }
        long carrier = o.sentByUs() || parent == null ? o.id() : parent.id();
        // SQLite can be behind the broker (the other leg of an OCO canceled with the first one, a
        // cancel that finished since the last read): ask the broker before canceling.
        if (closedOrClosing(o)) {
            refreshQuietly(carrier);
            canceled.add(what + " (already closed or closing at the broker)");
            return;
        }
        manager.broker().cancel(o.brokerOrderId());
        canceled.add(what);
        // Read back the order that carries the legs, so SQLite sees what the broker closed along with this one.
        refreshQuietly(carrier);
    }

    /** The broker's own word: closed, or a cancel already pending (Schwab's PENDING_CANCEL, which maps onto SUBMITTED). */
    private boolean closedOrClosing(StoredOrder o) {
        return manager.broker().order(o.brokerOrderId())
                .map(b -> b.state().isTerminal() || "PENDING_CANCEL".equals(b.rawStatus()))
                .orElse(false);
    }

    /** Reads back until the broker reports no order open (of {@code only}, or of any symbol when null); returns what is still open, by symbol. */
    private Map<String, List<Long>> awaitCancels(String only) {
        Map<String, List<Long>> open = openAtBroker(only);
        for (int i = 0; i < CONFIRM_READS && !open.isEmpty(); i++) {
            try {
                sleeper.sleep(CONFIRM_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (StoredOrder o : repo.sentNeedingSync(manager.account())) refreshQuietly(o.id());
            open = openAtBroker(only);
        }
        if (!open.isEmpty()) log.warn("flatten: still open at the broker after the cancels: {}", open);
        return open;
    }

    private Map<String, List<Long>> openAtBroker(String only) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (StoredOrder o : repo.inStates(manager.account(), OrderState.WAITING, OrderState.SUBMITTED, OrderState.PARTIALLY_FILLED)) {
            if (only != null && !only.equals(o.symbol())) continue;
            if (o.brokerOrderId() != null) out.computeIfAbsent(o.symbol(), s -> new ArrayList<>()).add(o.id());
        }
        return out;
    }

    private void refreshQuietly(long id) {
        try {
            manager.refresh(id);
        } catch (RuntimeException e) {
            log.warn("flatten: order {} not read back ({}); read again before the exits", id, e.getMessage());
        }
    }
}
