package autotrader.telegram;

import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.Approvals;
import autotrader.approvals.PendingIntent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the approval service with exactly-once semantics: one AtomicBoolean per intent
 * decides who wins; everyone after gets ALREADY_DECIDED with the first decision. Counts calls and the
 * orders it "submitted", so tests can tell a second approve call (allowed) from a second order (never).
 */
final class FakeApprovals implements Approvals {

    private final Map<Long, PendingIntent> intents = new ConcurrentHashMap<>();
    private final Map<Long, AtomicBoolean> decided = new ConcurrentHashMap<>();
    private final Map<Long, ApprovalOutcome.Earlier> earlier = new ConcurrentHashMap<>();
    private final Map<Long, String> drift = new ConcurrentHashMap<>();
    final AtomicInteger approveCalls = new AtomicInteger();
    final AtomicInteger rejectCalls = new AtomicInteger();
    final List<String> orders = new CopyOnWriteArrayList<>();
    final List<String> actors = new CopyOnWriteArrayList<>();
    volatile Instant now = Instant.parse("2024-06-12T15:00:00Z");
    volatile boolean paused;
    volatile RuntimeException failApprove;

    PendingIntent add(long id, String symbol, int qty, double price) {
        PendingIntent p = new PendingIntent(id, symbol, "BUY", qty, "LIMIT", price, price - 0.40, price * 0.98, price * 1.03, 0,
                0.82, 1.8, 4, "1h", List.of("confidence ok", "stop: k sigma below entry", "size: risk per trade"),
                now, now.plus(Duration.ofMinutes(5)), price);
        intents.put(id, p);
        decided.put(id, new AtomicBoolean());
        return p;
    }

    /** From now on the intent's price has moved too far (checked at approve and in the sweep). */
    void priceMoved(long id, String reason) {
        drift.put(id, reason);
    }

    @Override
    public Optional<PendingIntent> find(long intentId) {
        return Optional.ofNullable(intents.get(intentId));
    }

    @Override
    public ApprovalOutcome approve(long id, String actor) {
        approveCalls.incrementAndGet();
        actors.add(actor);
        if (failApprove != null) throw failApprove;
        PendingIntent p = intents.get(id);
        if (p == null) return ApprovalOutcome.notFound(id);
        if (paused) return ApprovalOutcome.paused(id);
        if (!decided.get(id).compareAndSet(false, true)) return ApprovalOutcome.alreadyDecided(id, earlier.get(id));
        String expiry = expiryReason(p);
        if (expiry != null) {
            earlier.put(id, new ApprovalOutcome.Earlier(ApprovalOutcome.Verdict.EXPIRED, null, now, ApprovalOutcome.Kind.EXPIRED, expiry));
            return ApprovalOutcome.expired(id, expiry, now);
        }
        String order = "ORD-" + id;
        orders.add(order);
        earlier.put(id, new ApprovalOutcome.Earlier(ApprovalOutcome.Verdict.APPROVED, actor, now, ApprovalOutcome.Kind.SUBMITTED, "order " + order));
        return ApprovalOutcome.submitted(id, order, actor, now);
    }

    @Override
    public ApprovalOutcome reject(long id, String actor) {
        rejectCalls.incrementAndGet();
        actors.add(actor);
        if (!intents.containsKey(id)) return ApprovalOutcome.notFound(id);
        if (!decided.get(id).compareAndSet(false, true)) return ApprovalOutcome.alreadyDecided(id, earlier.get(id));
        earlier.put(id, new ApprovalOutcome.Earlier(ApprovalOutcome.Verdict.REJECTED, actor, now, ApprovalOutcome.Kind.REJECTED, null));
        return ApprovalOutcome.rejected(id, actor, now);
    }

    @Override
    public List<PendingIntent> pending() {
        return intents.values().stream().filter(p -> !decided.get(p.intentId()).get()).toList();
    }

    @Override
    public List<ApprovalOutcome> expireDue() {
        List<ApprovalOutcome> out = new ArrayList<>();
        for (PendingIntent p : intents.values()) {
            String reason = expiryReason(p);
            if (reason != null && decided.get(p.intentId()).compareAndSet(false, true)) {
                earlier.put(p.intentId(), new ApprovalOutcome.Earlier(ApprovalOutcome.Verdict.EXPIRED, null, now, ApprovalOutcome.Kind.EXPIRED, reason));
                out.add(ApprovalOutcome.expired(p.intentId(), reason, now));
            }
        }
        return out;
    }

    private String expiryReason(PendingIntent p) {
        if (drift.containsKey(p.intentId())) return drift.get(p.intentId());
        if (!now.isBefore(p.expiresAt())) return "not approved within 5 minutes";
        return null;
    }
}
