package autotrader.orders;

import autotrader.alerts.Notifier;
import autotrader.market.MarketCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes SQLite agree with the broker. Run once on start, before any job, and then periodically:
 * <ol>
 * <li>orders whose outcome is unknown (SUBMITTING, UNKNOWN) are settled by listing, with a second
 *     listing {@code confirmDelay} later for those not found; one proven never to have arrived is sent
 *     once more or marked FAILED ({@link OrderManager#resendOrFail});</li>
 * <li>every order we sent that is still open (or has open legs) is read back and applied;</li>
 * <li>positions are compared; one found only at the broker is reported, never traded;</li>
 * <li>a filled entry whose protective legs all disappeared (canceled or expired at the broker while
 *     the position is still open) gets its take-profit/stop-loss placed again; so does a partly
 *     filled entry whose remainder was canceled or expired (canceled here once its DAY session has
 *     closed), for the filled quantity;</li>
 * <li>the broker's balances are snapshotted.</li>
 * </ol>
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final OrderManager manager;
    private final OrderRepository repo;
    private final Broker broker;
    private final OrderAlerts alerts;
    private final Duration confirmDelay;
    private final Sleeper sleeper;

    public Reconciler(OrderManager manager, Notifier alerts, Duration confirmDelay, Sleeper sleeper) {
        this.manager = manager;
        this.repo = manager.repository();
        this.broker = manager.broker();
        this.alerts = new OrderAlerts(alerts);
        this.confirmDelay = confirmDelay;
        this.sleeper = sleeper;
    }

    public Reconciler(OrderManager manager, Notifier alerts) {
        this(manager, alerts, Duration.ofSeconds(3), d -> Thread.sleep(d.toMillis()));
    }

    public record Report(int settled, int neverArrived, int stillUnknown, int synced, List<String> brokerOnlyPositions,
                         List<String> positionMismatches, List<Long> protectionsPlaced, List<String> errors) {
        public boolean clean() {
            return stillUnknown == 0 && brokerOnlyPositions.isEmpty() && positionMismatches.isEmpty() && errors.isEmpty();
        }

        /** One sentence for the log: the counts, then each finding. */
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(String.format("%d settled, %d never arrived, %d still unknown, %d read back", settled,
                    neverArrived, stillUnknown, synced));
            if (!protectionsPlaced.isEmpty()) s.append(", protection placed again for orders ").append(protectionsPlaced);
            for (String f : brokerOnlyPositions) s.append("; ").append(f);
            for (String f : positionMismatches) s.append("; ").append(f);
            for (String f : errors) s.append("; error: ").append(f);
            return s.toString();
        }
    }

    public synchronized Report reconcile() {
        String account = manager.account();
        List<String> errors = new ArrayList<>();
        int settled = 0, never = 0, unknown = 0, synced = 0;
        List<Long> neverArrived = new ArrayList<>();

        List<StoredOrder> pending = new ArrayList<>();
        for (StoredOrder o : repo.inStates(account, OrderState.SUBMITTING, OrderState.UNKNOWN)) {
            if (!manager.inFlight(o.id())) pending.add(o);
        }
        for (int pass = 0; pass < 2 && !pending.isEmpty(); pass++) {
            if (pass == 1) pause();
            List<StoredOrder> again = new ArrayList<>();
            for (StoredOrder o : pending) {
                try {
                    switch (manager.settler().settle(o)) {
                        case SETTLED -> settled++;
                        case NEVER_ARRIVED -> {
                            never++;
                            neverArrived.add(o.id());
                        }
                        case AMBIGUOUS -> unknown++;
                        case NOT_FOUND_YET -> again.add(o);
                    }
                } catch (RuntimeException e) {
                    errors.add("settle order " + o.id() + ": " + e.getMessage());
                    if (pass == 1) unknown++;
                }
            }
            pending = again;
        }
        unknown += pending.size();
        // Proven never to have reached the broker: sent once more, or FAILED with the reason (never left APPROVED).
        for (long id : neverArrived) {
            try {
                manager.resendOrFail(id);
            } catch (RuntimeException e) {
                errors.add("send order " + id + " again: " + e.getMessage());
            }
        }

        for (StoredOrder o : repo.sentNeedingSync(account)) {
            try {
                manager.refresh(o.id());
                synced++;
            } catch (RuntimeException e) {
                errors.add("read order " + o.id() + ": " + e.getMessage());
            }
        }

        List<String> brokerOnly = new ArrayList<>(), mismatches = new ArrayList<>();
        try {
            comparePositions(account, brokerOnly, mismatches);
        } catch (RuntimeException e) {
            errors.add("positions: " + e.getMessage());
        }
        List<Long> protections = new ArrayList<>();
        try {
            replaceMissingProtection(account, protections, errors);
        } catch (RuntimeException e) {
            errors.add("protection: " + e.getMessage());
        }
        try {
            Balances b = broker.balances();
            repo.initCashIfAbsent(account, b.cash());
            repo.snapshot(account, b);
        } catch (RuntimeException e) {
            errors.add("balances: " + e.getMessage());
        }
        Report r = new Report(settled, never, unknown, synced, brokerOnly, mismatches, protections, errors);
        if (r.clean()) log.info("reconciled {}: {} settled, {} never arrived, {} synced", account, settled, never, synced);
        else log.warn("reconciled {} with findings: {}", account, r);
        for (String e : errors) alerts.problem("reconciliation: " + e);
        return r;
    }

    private void pause() {
        try {
            sleeper.sleep(confirmDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void comparePositions(String account, List<String> brokerOnly, List<String> mismatches) {
        Map<String, Long> ours = new HashMap<>();
        for (OrderRepository.BookPosition p : repo.positions(account)) ours.put(p.symbol(), p.quantity());
        Set<String> seen = new HashSet<>();
        for (BrokerPosition p : broker.positions()) {
            seen.add(p.symbol());
            BigDecimal theirs = p.quantity();
            Long mine = ours.get(p.symbol());
            if (mine == null) {
                String msg = "position found only at the broker: " + theirs.stripTrailingZeros().toPlainString() + " " + p.symbol()
                        + " (reported, never traded automatically)";
                brokerOnly.add(msg);
                alerts.problem(msg);
            } else if (theirs.compareTo(BigDecimal.valueOf(mine)) != 0) {
                String msg = "position " + p.symbol() + ": broker holds " + theirs.stripTrailingZeros().toPlainString() + ", our book " + mine;
                mismatches.add(msg);
                alerts.problem(msg);
            }
        }
        for (Map.Entry<String, Long> e : ours.entrySet()) {
            if (!seen.contains(e.getKey())) {
                String msg = "position " + e.getKey() + ": our book holds " + e.getValue() + ", the broker none";
                mismatches.add(msg);
                alerts.problem(msg);
            }
        }
    }

    /**
     * Step 4. First the remainder of partly filled entries whose DAY session has closed is canceled
     * (see {@link #cancelEndedRemainders}). Then every entry that bought or sold shares (filled, or
     * partly filled and then canceled or expired) and whose protective legs are all gone without
     * having filled gets a stand-alone PROTECTION OCO for what is open: at Schwab a TRIGGER's legs wait
     * for the whole entry to fill and go with it when it is canceled, so a partial fill leaves its
     * shares unprotected. The protection is sized to the filled quantity (at most the book's position)
     * and sent once: its intent reference is derived from the entry's, and a live one blocks the next.
     */
    private void replaceMissingProtection(String account, List<Long> placed, List<String> errors) {
        cancelEndedRemainders(account, errors);
        Map<String, Long> book = new HashMap<>();
        for (OrderRepository.BookPosition p : repo.positions(account)) book.put(p.symbol(), p.quantity());
        Set<String> done = new HashSet<>();
        List<StoredOrder> entries = new ArrayList<>(repo.inStates(account, OrderState.FILLED, OrderState.PARTIALLY_FILLED,
                OrderState.CANCELED, OrderState.EXPIRED));
        entries.sort((a, b) -> Long.compare(b.id(), a.id()));   // newest entry per symbol only
        for (StoredOrder e : entries) {
            // An entry that bought nothing (canceled or expired unfilled) says nothing about a position.
            if (e.role() != OrderRole.ENTRY || !e.sentByUs() || e.filledQuantity() <= 0 || !done.add(e.symbol())) continue;
            if (e.takeProfit() == null && e.stopLoss() == null && e.trailingOffset() == null) continue;
            long held = book.getOrDefault(e.symbol(), 0L);
            long open = e.side() == Side.BUY ? held : -held;
            if (open <= 0) continue;
            List<StoredOrder> kids = repo.children(e.id());
            boolean live = kids.stream().anyMatch(k -> !k.state().isTerminal());
            boolean exited = kids.stream().anyMatch(this::filledSomething);
            if (live || exited) continue;
            long qty = Math.min(open, e.filledQuantity());
            int n = (int) kids.stream().filter(k -> k.role() == OrderRole.PROTECTION).count() + 1;
            OrderRequest req = OrderRequest.protection(e.intentRef() == null ? "order-" + e.id() + ":protect:" + n : e.intentRef() + ":protect:" + n,
                    e.symbol(), e.side().opposite(), qty, e.stopLoss(), e.takeProfit(), e.trailingOffset());
            String why = e.state() == OrderState.FILLED || e.state() == OrderState.PARTIALLY_FILLED
                    ? "disappeared" : "ended with the entry's unfilled remainder (" + e.state() + ", " + e.filledQuantity() + " of " + e.quantity() + " filled)";
            alerts.problem("the take-profit/stop-loss of order " + e.id() + " (" + e.symbol()
                    + ") " + why + " while " + qty + " shares are open: placing them for " + qty);
            StoredOrder p = manager.submit(req, e.id(), "reconciler");
            placed.add(p.id());
        }
    }

    /** A leg, or a stand-alone protection whose own legs are its children, that executed shares. */
    private boolean filledSomething(StoredOrder k) {
        if (k.filledQuantity() > 0) return true;
        return k.role() == OrderRole.PROTECTION && repo.children(k.id()).stream().anyMatch(g -> g.filledQuantity() > 0);
    }

    /**
     * Entries are DAY orders: what is not filled by the close of the session they were sent in is
     * dead. Schwab expires it itself; this is the safety net for when that report never comes. An
     * entry still PARTIALLY_FILLED after that close is read back first (the broker may have expired
     * it meanwhile: then nothing is canceled) and otherwise canceled at the broker, so the filled part
     * can be protected on its own. Unfilled entries are left to the broker (the paper broker works
     * them across sessions, and backtests rely on that).
     */
    private void cancelEndedRemainders(String account, List<String> errors) {
        Instant now = manager.clock().instant();
        for (StoredOrder e : repo.inStates(account, OrderState.PARTIALLY_FILLED)) {
            if (e.role() != OrderRole.ENTRY || !e.sentByUs() || e.brokerOrderId() == null || manager.inFlight(e.id())) continue;
            Instant sent = e.submittingAt() != null ? e.submittingAt() : e.createdAt();
            Instant close = sessionClose(sent);
            if (now.isBefore(close)) continue;
            try {
                if (manager.refresh(e.id()).state() != OrderState.PARTIALLY_FILLED) continue;
                log.info("order {}: its DAY session closed at {} with {} of {} filled: canceling the remainder", e.id(), close,
                        e.filledQuantity(), e.quantity());
                StoredOrder after = manager.cancel(e.id(), "end of the DAY session " + close + ": remainder canceled");
                if (after.state() == OrderState.PARTIALLY_FILLED) {
                    errors.add("order " + e.id() + ": remainder cancel sent at the end of its session, not yet confirmed by the broker");
                }
            } catch (RuntimeException ex) {
                errors.add("cancel the remainder of order " + e.id() + ": " + ex.getMessage());
            }
        }
    }

    private static final MarketCalendar CALENDAR = MarketCalendar.nyse();

    /** The close of the regular session a DAY order sent at {@code sent} works in: that day's, or the next trading day's when sent after it. */
    private static Instant sessionClose(Instant sent) {
        LocalDate day = CALENDAR.dateAt(sent);
        if (!CALENDAR.isTradingDay(day) || !sent.isBefore(CALENDAR.closeInstant(day))) day = CALENDAR.nextTradingDay(day);
        return CALENDAR.closeInstant(day);
    }

    /** Runs {@link #reconcile()} every {@code period}; a failing run is logged and the next one still comes. */
    public ScheduledFuture<?> runEvery(ScheduledExecutorService executor, Duration period) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.error("reconciliation failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
