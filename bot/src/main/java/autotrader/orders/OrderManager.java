package autotrader.orders;

import autotrader.alerts.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The send path. An order is written (INTENT) before anything else, approved, marked SUBMITTING,
 * then sent exactly once; whatever happens after the POST, the answer is stored or the order is left
 * in a state the reconciler settles by listing. It never re-sends an order whose POST may have
 * reached the broker.
 */
public final class OrderManager {

    private static final Logger log = LoggerFactory.getLogger(OrderManager.class);

    private final Broker broker;
    private final OrderRepository repo;
    private final ControlFlags flags;
    private final OrderAlerts alerts;
    private final CrashPoints crash;
    private final Clock clock;
    private final OrderSync sync;
    private final OrderSettler settler;
    /** Orders whose POST is in progress in this process: the periodic reconciler leaves them alone. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public OrderManager(Broker broker, OrderRepository repo, ControlFlags flags, Notifier alerts, CrashPoints crash, Clock clock) {
        this.broker = broker;
        this.repo = repo;
        this.flags = flags;
        this.alerts = new OrderAlerts(alerts);
        this.crash = crash;
        this.clock = clock;
        this.sync = new OrderSync(repo, this.alerts);
        this.settler = new OrderSettler(broker, repo, sync, this.alerts);
    }

    public String account() {
        return broker.account();
    }

    public Broker broker() {
        return broker;
    }

    public OrderRepository repository() {
        return repo;
    }

    public OrderSync sync() {
        return sync;
    }

    public OrderSettler settler() {
        return settler;
    }

    public ControlFlags flags() {
        return flags;
    }

    /** Market time: what the reconciler reads to know whether an entry's DAY session has closed. */
    public Clock clock() {
        return clock;
    }

    boolean inFlight(long id) {
        return inFlight.contains(id);
    }

    /**
     * Writes the intent. Idempotent on the request's intent reference: the same trade intent offered
     * again (e.g. after a restart) returns the order already written instead of making a second one.
     */
    public StoredOrder record(OrderRequest r, Long parentId) {
        if (r.intentRef() != null) {
            Optional<StoredOrder> existing = repo.byIntent(account(), r.intentRef(), r.role());
            if (existing.isPresent()) return existing.get();
        }
        if (r.role() == OrderRole.ENTRY && flags.paused()) {
            throw new TradingPausedException("entries are paused (autotrader resume to allow them): " + r.symbol() + " not recorded");
        }
        StoredOrder o = repo.insertIntent(account(), r, parentId);
        log.info("order {} intent: {}", o.id(), OrderRepository.describe(r));
        crash.reached(CrashPoints.INTENT_WRITTEN);
        return o;
    }

    public StoredOrder approve(long id, String by) {
        return repo.transition(id, OrderState.APPROVED, "approved by " + by);
    }

    /** Records, approves (as {@code approvedBy}) and sends, resuming wherever an earlier attempt stopped. */
    public StoredOrder submit(OrderRequest r, Long parentId, String approvedBy) {
        StoredOrder o = record(r, parentId);
        if (o.state() == OrderState.INTENT) o = approve(o.id(), approvedBy);
        if (o.state() == OrderState.APPROVED) o = send(o.id());
        return o;
    }

    public StoredOrder submit(OrderRequest r) {
        return submit(r, null, "auto");
    }

    /** Sends an APPROVED order once. See the class comment for what each broker answer leads to. */
    public synchronized StoredOrder send(long id) {
        StoredOrder o = repo.get(id);
        if (o.state() != OrderState.APPROVED) throw new IllegalStateException("order " + id + " is " + o.state() + ", only APPROVED orders are sent");
        if (o.role() == OrderRole.ENTRY && flags.paused()) throw new TradingPausedException("entries are paused: order " + id + " not sent");
        Optional<String> blocked = broker.placementBlockedReason();
        // Nothing left: the order is certainly not at the broker, and leaving it APPROVED would keep a
        // stale order around that nobody sends (and that would hold its symbol's exposure).
        if (blocked.isPresent()) return fail(id, "not sent: " + blocked.get());
        inFlight.add(id);
        try {
            o = repo.transition(id, OrderState.SUBMITTING, "sending to the " + account() + " broker");
            crash.reached(CrashPoints.SUBMITTING_WRITTEN);
            Broker.PlaceResult result;
            try {
                result = broker.place(o.toRequest());
            } catch (OrderRejectedException e) {
                crash.reached(CrashPoints.POST_ANSWERED);
                log.warn("order {} rejected: {}", id, e.getMessage());
                StoredOrder rejected = repo.transition(id, OrderState.REJECTED, "broker refused: " + e.getMessage());
                alerts.rejected(rejected, e.getMessage());
                return rejected;
            } catch (RuntimeException e) {
                // Timeout, reset, 5xx, or anything else once SUBMITTING is written: the POST may have
                // reached the broker, so the order is settled by listing, never by sending again.
                crash.reached(CrashPoints.POST_ANSWERED);
                log.warn("order {} outcome unknown: {}", id, e.getMessage());
                repo.transition(id, OrderState.UNKNOWN, "outcome unknown: " + e.getMessage());
                settleQuietly(id);
                return repo.get(id);
            }
            crash.reached(CrashPoints.POST_ANSWERED);
            if (result.brokerOrderId().isPresent()) {
                repo.setBrokerOrderId(id, result.brokerOrderId().get());
                o = repo.transition(id, OrderState.SUBMITTED, "accepted by the broker as order " + result.brokerOrderId().get());
            } else {
                repo.transition(id, OrderState.UNKNOWN, "accepted by the broker without an order id: looked up by listing");
                settleQuietly(id);
            }
            crash.reached(CrashPoints.SUBMITTED_STORED);
            log.info("order {} sent: {}", id, repo.get(id).state());
            return refreshQuietly(id);
        } finally {
            inFlight.remove(id);
        }
    }

    /** POSTs one order may get: the first, and one more after two listings proved the broker never received it. */
    static final int MAX_POSTS = 2;
    /** An entry is sent again only this soon after it was approved (market time): later, the trader's price is gone. */
    static final Duration RESEND_WITHIN = Duration.ofMinutes(5);

    /**
     * Decides the fate of an order that two listings proved never reached the broker (it is APPROVED
     * again): sent once more through the same exactly-once path (same client order id; SUBMITTING is
     * written first) while it has had fewer than {@link #MAX_POSTS} POSTs and, for an entry, while it is
     * fresh and entries are not paused; otherwise FAILED with the reason. Either way the trader is told.
     */
    public StoredOrder resendOrFail(long id) {
        StoredOrder o = repo.get(id);
        if (o.state() != OrderState.APPROVED) return o;
        int posts = repo.sendAttempts(id);
        String last = repo.lastCause(id, OrderState.UNKNOWN).map(c -> c.replaceFirst("^outcome unknown: ", "")).orElse("no answer stored");
        if (posts >= MAX_POSTS) {
            return fail(id, "the broker never received it: " + posts + " POST" + (posts == 1 ? "" : "s") + " failed (last: " + last + ")");
        }
        if (o.role() == OrderRole.ENTRY && o.createdAt().isBefore(clock.instant().minus(RESEND_WITHIN))) {
            return fail(id, "the broker never received it (" + last + "), and it was approved more than "
                    + RESEND_WITHIN.toMinutes() + " min ago: not sent again at a stale price");
        }
        if (o.role() == OrderRole.ENTRY && flags.paused()) {
            return fail(id, "the broker never received it (" + last + "), and entries are paused: not sent again");
        }
        log.warn("order {}: the broker never received POST {} of {} ({}): sending it again", id, posts, MAX_POSTS, last);
        alerts.problem("order " + id + " " + o.side() + " " + o.quantity() + " " + o.symbol()
                + " did not reach the broker (" + last + "): sending it once more");
        return send(id);
    }

    /** An order that never reached the broker ends FAILED, with the reason, and the trader is told. */
    StoredOrder fail(long id, String reason) {
        StoredOrder failed = repo.transition(id, OrderState.FAILED, reason);
        log.error("order {} FAILED: {}", id, reason);
        alerts.failed(failed, reason);
        return failed;
    }

    /** Wall time between two listings of one order: a broker's listing may lag its POST by a moment. */
    static final Duration LISTING_GAP = Duration.ofSeconds(3);
    /** When each unsettled order was last listed here (wall clock, nanoTime): the gap is in the broker's time, not the market's. */
    private final Map<Long, Long> listedAt = new ConcurrentHashMap<>();
    /** Orders several broker orders matched: a person decides; the monitor stops listing (and alerting) them every tick. */
    private final Set<Long> ambiguous = ConcurrentHashMap.newKeySet();

    /**
     * One listing for every order whose outcome is unknown (SUBMITTING, UNKNOWN) and not in flight here,
     * at least {@link #LISTING_GAP} after its previous one; an order proven never to have arrived is sent
     * once more or FAILED ({@link #resendOrFail}). The daemon's monitor calls it every tick, so a POST
     * that failed is settled, and the trader told, within a minute rather than at the next reconciliation.
     */
    public List<StoredOrder> settleUnknown() {
        List<StoredOrder> out = new ArrayList<>();
        for (StoredOrder o : repo.inStates(account(), OrderState.SUBMITTING, OrderState.UNKNOWN)) {
            Long last = listedAt.get(o.id());
            if (inFlight(o.id()) || ambiguous.contains(o.id()) || (last != null && System.nanoTime() - last < LISTING_GAP.toNanos())) continue;
            try {
                if (settleQuietly(o.id()) == OrderSettler.Outcome.NEVER_ARRIVED) out.add(resendOrFail(o.id()));
                else out.add(repo.get(o.id()));
            } catch (RuntimeException e) {
                log.warn("order {}: not settled this time ({}); tried again at the next tick", o.id(), e.getMessage());
            }
        }
        return out;
    }

    private OrderSettler.Outcome settleQuietly(long id) {
        try {
            listedAt.put(id, System.nanoTime());
            OrderSettler.Outcome outcome = settler.settle(repo.get(id));
            if (outcome != OrderSettler.Outcome.NOT_FOUND_YET) listedAt.remove(id);
            if (outcome == OrderSettler.Outcome.AMBIGUOUS) ambiguous.add(id);
            return outcome;
        } catch (RuntimeException e) {
            log.warn("order {}: listing to settle it failed ({}); the reconciler tries again", id, e.getMessage());
            return OrderSettler.Outcome.NOT_FOUND_YET;
        }
    }

    /** Reads the order from the broker and applies what it says (fills, state, child legs). */
    public synchronized StoredOrder refresh(long id) {
        StoredOrder o = repo.get(id);
        if (o.brokerOrderId() == null) return o;
        Optional<BrokerOrder> remote = broker.order(o.brokerOrderId());
        if (remote.isEmpty()) {
            alerts.problem("order " + id + " (broker id " + o.brokerOrderId() + ") is unknown to the broker");
            return o;
        }
        return sync.apply(o, remote.get());
    }

    private StoredOrder refreshQuietly(long id) {
        try {
            return refresh(id);
        } catch (RuntimeException e) {
            log.warn("order {}: reading it back failed ({}); the reconciler tries again", id, e.getMessage());
            return repo.get(id);
        }
    }

    /** Cancels an order: locally when it never left, at the broker when it did. */
    public StoredOrder cancel(long id, String cause) {
        StoredOrder o = repo.get(id);
        if (o.state() == OrderState.INTENT || o.state() == OrderState.APPROVED) return repo.transition(id, OrderState.CANCELED, cause);
        if (o.brokerOrderId() == null) throw new IllegalStateException("order " + id + " is " + o.state() + " with no broker id: reconcile it first");
        broker.cancel(o.brokerOrderId());
        return refreshQuietly(id);
    }

    public record FlattenResult(List<String> canceled, List<StoredOrder> exits, List<String> problems) {
    }

    /**
     * Closes everything: pauses entries, cancels every open order (bracket legs included, or they
     * would fire against the flattened position), waits until the broker confirms the cancels, then
     * sends one market order closing each position the broker holds. See {@link Flattener}.
     */
    public FlattenResult flatten(String actor) {
        return new Flattener(this, d -> Thread.sleep(d.toMillis())).flatten(actor);
    }

    /** Closes one symbol's position at market after cancelling its open orders; see {@link Flattener#close}. */
    public FlattenResult close(String symbol, String actor) {
        return new Flattener(this, d -> Thread.sleep(d.toMillis())).close(symbol, actor);
    }
}
