package autotrader.approvals;

import autotrader.approvals.IntentRepository.Status;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.market.MarketCalendar;
import autotrader.orders.BrokerException;
import autotrader.orders.EntryType;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderState;
import autotrader.orders.Side;
import autotrader.orders.StoredOrder;
import autotrader.orders.TradingPausedException;
import autotrader.rules.TradeIntent;
import autotrader.schedule.SimClock;
import autotrader.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one place where a trade intent becomes an order. Every channel (Telegram buttons, the shell's
 * approve/reject, the REST API) goes through here, so they share the expiry rules and the
 * exactly-once guarantee: an intent leaves PENDING by one conditional UPDATE, so whatever the
 * number of presses, devices, channels or processes, at most one entry order is recorded for it,
 * and the order layer's own idempotence on the intent reference covers a crash in between.
 */
public final class ApprovalService implements Approvals {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    /**
     * How long intents wait, how far the price may move, whether paper mode approves by itself, and
     * the exposure limits every proposal and approval must keep.
     */
    public record Settings(Duration timeout, double maxPriceDrift, boolean autoApprove, Exposure.Limits limits) {
        /** Without size or count limits (one entry per symbol still holds). */
        public Settings(Duration timeout, double maxPriceDrift, boolean autoApprove) {
            this(timeout, maxPriceDrift, autoApprove, Exposure.Limits.NONE);
        }
    }

    private final IntentRepository intents;
    private final OrderManager orders;
    private final Store store;
    private final Clock marketClock;
    private final LastPrice lastPrice;
    private final Settings settings;
    private volatile ApprovalChannel channel = ApprovalChannel.NONE;

    public ApprovalService(IntentRepository intents, OrderManager orders, Store store, Clock marketClock, LastPrice lastPrice,
                           Settings settings) {
        this.intents = intents;
        this.orders = orders;
        this.store = store;
        this.marketClock = marketClock;
        this.lastPrice = lastPrice;
        this.settings = settings;
    }

    /** Where new intents are shown and decisions made elsewhere are reported (Telegram). */
    public void connect(ApprovalChannel channel) {
        this.channel = channel == null ? ApprovalChannel.NONE : channel;
    }

    private String account() {
        return orders.account();
    }

    /**
     * Stores a new intent and offers it to the trader, or approves it at once when auto-approval is
     * on. Returns the pending intent and, when auto-approved, what that did.
     */
    public synchronized Proposal propose(TradeIntent t, double signalPrice) {
        Instant now = marketClock.instant();
        // The rules saw the exposure too (TradingLoop), but they are the trader's to edit: the limits hold here whatever they say.
        Optional<String> refused = exposure(now, -1).refusal(t.symbol(), t.quantity(), t.entryPrice(), equity(), settings.limits());
        if (refused.isPresent()) {
            log.info("no intent for {} {} {}: {}", t.side(), t.quantity(), t.symbol(), refused.get());
            return new Proposal(null, Optional.empty(), refused);
        }
        long id = intents.insert(account(), t, now, now.plus(marketWindow()), signalPrice);
        PendingIntent pending = intents.find(id).orElseThrow().intent();
        log.info("intent {}: {} {} {} @ {} (stop {}, take-profit {}), waiting for approval until {}", id, t.side(), t.quantity(),
                t.symbol(), t.entryPrice(), t.stopLoss(), t.takeProfit(), newYork(pending.expiresAt()));
        if (settings.autoApprove()) return new Proposal(pending, Optional.of(approve(id, "auto-approve (paper)")), Optional.empty());
        channel.offer(pending);
        return new Proposal(pending, Optional.empty(), Optional.empty());
    }

    /** A stored intent (null when a limit refused it: {@code refused} says which), and what auto-approval did. */
    public record Proposal(PendingIntent intent, Optional<ApprovalOutcome> autoApproved, Optional<String> refused) {
    }

    /**
     * The approval window in market time: {@code approvals.timeout_seconds} is the trader's time, so on
     * a simulated clock running N times faster it spans N times as much market time (at 60x the 300 s
     * window used to last 5 wall seconds: no person could approve). Price drift stays measured on
     * market prices.
     */
    Duration marketWindow() {
        double speed = marketClock instanceof SimClock sim ? sim.speed() : 1.0;
        return Duration.ofMillis(Math.round(settings.timeout().toMillis() * speed));
    }

    /** When a pending intent's window ends on the trader's (wall) clock. */
    public Instant wallDeadline(PendingIntent p) {
        if (!(marketClock instanceof SimClock sim)) return p.expiresAt();
        // The market time left, at the clock's speed, from now: also right while a cycle holds the clock still
        // (which only gives the trader longer).
        long leftMillis = Duration.between(marketClock.instant(), p.expiresAt()).toMillis();
        return Instant.now().plusMillis(Math.round(leftMillis / sim.speed()));
    }

    /** Positions, open entry orders and pending intents at {@code now}, leaving out intent {@code exceptIntent}. */
    public Exposure exposure(Instant now, long exceptIntent) {
        return Exposure.of(orders.repository(), intents, account(), now, exceptIntent);
    }

    private double equity() {
        return Double.isInfinite(settings.limits().maxPositionPct()) ? Double.NaN : orders.broker().balances().equity().doubleValue();
    }

    @Override
    public Optional<PendingIntent> find(long intentId) {
        return intents.find(intentId).map(StoredIntent::intent);
    }

    @Override
    public List<PendingIntent> pending() {
        return intents.pending(account()).stream().map(StoredIntent::intent).toList();
    }

    public int count() {
        return intents.count(account());
    }

    public List<StoredIntent> recent(int limit) {
        return intents.recent(account(), limit);
    }

    @Override
    public synchronized ApprovalOutcome approve(long id, String actor) {
        Optional<StoredIntent> found = intents.find(id);
        if (found.isEmpty() || !found.get().account().equals(account())) return ApprovalOutcome.notFound(id);
        StoredIntent row = found.get();
        if (row.status() != Status.PENDING) return alreadyDecided(row);
        if (orders.flags().paused()) return ApprovalOutcome.paused(id);
        Instant now = marketClock.instant();
        String expired = expiryReason(row.intent(), now);
        if (expired != null) {
            if (intents.decide(id, Status.EXPIRED, "system", now, ApprovalOutcome.Kind.EXPIRED, expired)) {
                audit("system", "intent.expired", id, expired);
                return ApprovalOutcome.expired(id, expired, now);
            }
            return alreadyDecided(intents.find(id).orElseThrow());
        }
        PendingIntent p = row.intent();
        Optional<String> limit = exposure(now, id).refusal(p.symbol(), p.quantity(), p.entryPrice(), equity(), settings.limits());
        if (limit.isPresent()) {
            if (intents.decide(id, Status.REJECTED, "limits", now, ApprovalOutcome.Kind.REFUSED, limit.get())) {
                audit(actor, "intent.refused", id, limit.get());
                log.warn("intent {}: approval by {} refused: {}", id, actor, limit.get());
                ApprovalOutcome outcome = ApprovalOutcome.refused(id, limit.get(), now);
                tellOtherChannels(actor, outcome);
                return outcome;
            }
            return alreadyDecided(intents.find(id).orElseThrow());
        }
        if (!intents.decide(id, Status.APPROVED, actor, now, null, null)) return alreadyDecided(intents.find(id).orElseThrow());
        return submitApproved(p, actor, now);
    }

    @Override
    public synchronized ApprovalOutcome reject(long id, String actor) {
        Optional<StoredIntent> found = intents.find(id);
        if (found.isEmpty() || !found.get().account().equals(account())) return ApprovalOutcome.notFound(id);
        if (found.get().status() != Status.PENDING) return alreadyDecided(found.get());
        Instant now = marketClock.instant();
        if (!intents.decide(id, Status.REJECTED, actor, now, ApprovalOutcome.Kind.REJECTED, null)) {
            return alreadyDecided(intents.find(id).orElseThrow());
        }
        audit(actor, "intent.rejected", id, null);
        ApprovalOutcome outcome = ApprovalOutcome.rejected(id, actor, now);
        tellOtherChannels(actor, outcome);
        return outcome;
    }

    @Override
    public synchronized List<ApprovalOutcome> expireDue() {
        Instant now = marketClock.instant();
        List<ApprovalOutcome> out = new ArrayList<>();
        for (StoredIntent row : intents.pending(account())) {
            String why = expiryReason(row.intent(), now);
            if (why != null && intents.decide(row.intent().intentId(), Status.EXPIRED, "system", now, ApprovalOutcome.Kind.EXPIRED, why)) {
                audit("system", "intent.expired", row.intent().intentId(), why);
                out.add(ApprovalOutcome.expired(row.intent().intentId(), why, now));
            }
        }
        return out;
    }

    /**
     * Finishes approvals a crash interrupted between the decision and the order: the order layer
     * returns the order already recorded for the intent instead of making a second one. Call at start.
     */
    public synchronized List<ApprovalOutcome> resumeInterrupted() {
        List<ApprovalOutcome> out = new ArrayList<>();
        for (StoredIntent row : intents.approvedWithoutOrder(account())) {
            log.warn("intent {} was approved by {} but its order outcome was not stored: resuming", row.intent().intentId(), row.decidedBy());
            out.add(submitApproved(row.intent(), row.decidedBy(), row.decidedAt()));
        }
        return out;
    }

    /**
     * Corrects what the trader was told about approved intents whose entry order has since become
     * something else: a "sent, not confirmed" that the broker now shows, or an order that FAILED or was
     * rejected after all. The stored outcome is updated and the channel edits its message. The daemon's
     * monitor calls it every tick.
     */
    public synchronized List<ApprovalOutcome> followOrders() {
        List<ApprovalOutcome> out = new ArrayList<>();
        for (StoredIntent row : intents.toldOtherwise(account())) {
            StoredOrder o = orders.repository().get(row.orderId());
            ApprovalOutcome outcome = outcomeOf(row.intent().intentId(), o, row.decidedBy(), row.decidedAt());
            if (outcome.kind() == row.outcome() && Objects.equals(detail(outcome), row.outcomeDetail())) continue;
            intents.recordOutcome(row.intent().intentId(), outcome.kind(), detail(outcome), o.id());
            audit("system", "intent.outcome", row.intent().intentId(), outcome.kind() + ": " + detail(outcome));
            log.info("intent {}: the trader was told {}, the order is now {}: {}", row.intent().intentId(), row.outcome(), o.state(), detail(outcome));
            channel.settled(outcome);
            out.add(outcome);
        }
        return out;
    }

    /** What an approved intent's entry order amounts to, in the trader's terms. */
    private ApprovalOutcome outcomeOf(long id, StoredOrder o, String actor, Instant decidedAt) {
        return switch (o.state()) {
            case FILLED -> ApprovalOutcome.filled(id, o.brokerOrderId(), o.avgFillPrice().doubleValue(), actor, decidedAt);
            case REJECTED -> ApprovalOutcome.rejectedByBroker(id, "order " + o.id() + " REJECTED: " + cause(o, o.state()), actor, decidedAt);
            case FAILED -> ApprovalOutcome.failed(id, "order " + o.id() + ": " + cause(o, o.state()), actor, decidedAt);
            case APPROVED, SUBMITTING, UNKNOWN -> ApprovalOutcome.unconfirmed(id, "order " + o.id() + " sent, but the broker's answer was unclear ("
                    + orders.repository().lastCause(o.id(), OrderState.UNKNOWN).orElse("no answer")
                            .replaceFirst("^outcome unknown: ", "") + ")", actor, decidedAt);
            // Canceled or expired without ever reaching the broker (e.g. flattened while APPROVED): nothing was placed.
            case CANCELED, EXPIRED -> o.brokerOrderId() == null
                    ? ApprovalOutcome.rejectedByBroker(id, "order " + o.id() + " " + o.state() + ": " + cause(o, o.state()), actor, decidedAt)
                    : ApprovalOutcome.submitted(id, o.brokerOrderId(), actor, decidedAt);
            default -> ApprovalOutcome.submitted(id, o.brokerOrderId() == null ? "order " + o.id() : o.brokerOrderId(), actor, decidedAt);
        };
    }

    /** The cause written with the order's latest move into {@code state}. */
    private String cause(StoredOrder o, OrderState state) {
        return orders.repository().lastCause(o.id(), state).orElse(state.name());
    }

    /** Why the intent can no longer be approved at {@code now}, or null. */
    private String expiryReason(PendingIntent p, Instant now) {
        // The deadline stored with the intent when it was made, whatever the timeout in config says now.
        if (now.isAfter(p.expiresAt())) return "not approved by its deadline (" + newYork(p.expiresAt()) + ")";
        OptionalDouble price = lastPrice.at(p.symbol(), now);
        if (price.isPresent() && p.signalPrice() > 0) {
            double drift = price.getAsDouble() / p.signalPrice() - 1;
            if (Math.abs(drift) > settings.maxPriceDrift()) {
                return String.format("price moved %+.2f%% since the signal (%.2f -> %.2f; limit %.2f%%)", drift * 100,
                        p.signalPrice(), price.getAsDouble(), settings.maxPriceDrift() * 100);
            }
        }
        return null;
    }

    private static final DateTimeFormatter NEW_YORK_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'ET'").withZone(MarketCalendar.NEW_YORK);

    /** Times the trader reads are New York times, to the second, like the rest of the log. */
    private static String newYork(Instant t) {
        return NEW_YORK_TIME.format(t);
    }

    private ApprovalOutcome submitApproved(PendingIntent p, String actor, Instant decidedAt) {
        long id = p.intentId();
        ApprovalOutcome outcome;
        Long orderId = null;
        try {
            StoredOrder o = orders.submit(request(p), null, actor);
            orderId = o.id();
            outcome = outcomeOf(id, o, actor, decidedAt);
        } catch (TradingPausedException e) {
            intents.reopen(id);
            return ApprovalOutcome.paused(id);
        } catch (BrokerException | IllegalArgumentException | IllegalStateException e) {
            log.warn("intent {}: order not placed: {}", id, e.getMessage());
            outcome = ApprovalOutcome.rejectedByBroker(id, e.getMessage(), actor, decidedAt);
        }
        intents.recordOutcome(id, outcome.kind(), detail(outcome), orderId);
        audit(actor, "intent.approved", id, outcome.kind() + (detail(outcome) == null ? "" : ": " + detail(outcome)));
        tellOtherChannels(actor, outcome);
        return outcome;
    }

    /** The entry order for an intent. Its reference ties it to the intent, which is what makes it idempotent. */
    static OrderRequest request(PendingIntent p) {
        boolean trailing = p.trailingStopPct() > 0;
        EntryType type = "LIMIT".equalsIgnoreCase(p.entryType()) ? EntryType.LIMIT : EntryType.MARKET;
        return OrderRequest.entry("intent-" + p.intentId(), p.symbol(), Side.valueOf(p.side().toUpperCase()), p.quantity(), type,
                type == EntryType.LIMIT ? money(p.limitPrice()) : null,
                trailing ? null : money(p.stopLoss()), money(p.takeProfit()),
                trailing ? money(p.entryPrice() * p.trailingStopPct()) : null);
    }

    private static BigDecimal money(double v) {
        return Double.isFinite(v) && v > 0 ? BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP) : null;
    }

    private static String detail(ApprovalOutcome o) {
        return switch (o.kind()) {
            case SUBMITTED -> o.brokerOrderId();
            case FILLED -> String.format("filled at %.2f", o.fillPrice());
            default -> o.reason();
        };
    }

    private static ApprovalOutcome alreadyDecided(StoredIntent row) {
        ApprovalOutcome.Verdict verdict = switch (row.status()) {
            case APPROVED -> ApprovalOutcome.Verdict.APPROVED;
            case REJECTED -> ApprovalOutcome.Verdict.REJECTED;
            default -> ApprovalOutcome.Verdict.EXPIRED;
        };
        return ApprovalOutcome.alreadyDecided(row.intent().intentId(),
                new ApprovalOutcome.Earlier(verdict, row.decidedBy(), row.decidedAt(), row.outcome(), row.outcomeDetail()));
    }

    /** A Telegram press edits its own message; every other decision is reported to the channel. */
    private void tellOtherChannels(String actor, ApprovalOutcome outcome) {
        if (actor == null || !actor.startsWith("telegram:")) channel.settled(outcome);
    }

    private void audit(String actor, String action, long id, String detail) {
        store.audit(actor == null ? "system" : actor, action, "intent " + id + (detail == null ? "" : ": " + detail));
    }
}
