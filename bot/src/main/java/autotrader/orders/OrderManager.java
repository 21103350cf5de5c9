package autotrader.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final Alerts alerts;
    private final CrashPoints crash;
    private final Clock clock;
    private final OrderSync sync;
    private final OrderSettler settler;
    /** Orders whose POST is in progress in this process: the periodic reconciler leaves them alone. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    public OrderManager(Broker broker, OrderRepository repo, ControlFlags flags, Alerts alerts, CrashPoints crash, Clock clock) {
        this.broker = broker;
        this.repo = repo;
        this.flags = flags;
        this.alerts = alerts;
        this.crash = crash;
        this.clock = clock;
        this.sync = new OrderSync(repo, alerts);
        this.settler = new OrderSettler(broker, repo, sync, alerts);
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
        if (blocked.isPresent()) throw new BrokerException("order " + id + " not sent: " + blocked.get());
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

    private void settleQuietly(long id) {
        try {
            settler.settle(repo.get(id));
        } catch (RuntimeException e) {
            log.warn("order {}: listing to settle it failed ({}); the reconciler tries again", id, e.getMessage());
        }
    }

    /** Reads the order from the broker and applies what it says (fills, state, child legs). */
    public synchronized StoredOrder refresh(long id) {
        StoredOrder o = repo.get(id);
        if (o.brokerOrderId() == null) return o;
        Optional<BrokerOrder> remote = broker.order(o.brokerOrderId());
        if (remote.isEmpty()) {
            alerts.alert(Alerts.Level.WARNING, "order " + id + " (broker id " + o.brokerOrderId() + ") is unknown to the broker");
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

    /** Sends every APPROVED order younger than {@code maxAge}; older ones are canceled as stale instead of sent late. */
    public List<StoredOrder> sendApproved(Duration maxAge) {
        List<StoredOrder> out = new ArrayList<>();
        for (StoredOrder o : repo.inStates(account(), OrderState.APPROVED)) {
            if (o.createdAt().isBefore(clock.instant().minus(maxAge))) {
                out.add(repo.transition(o.id(), OrderState.CANCELED, "stale: approved at " + o.createdAt() + ", not sent within " + maxAge));
                continue;
            }
            try {
                out.add(send(o.id()));
            } catch (RuntimeException e) {
                log.warn("order {} not sent: {}", o.id(), e.getMessage());
            }
        }
        return out;
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

}
