package autotrader.approvals;

import java.time.Instant;
import java.util.Objects;

/**
 * What a decision on an intent did. One record for every kind; the fields that do not apply to a
 * kind are null (or NaN for {@code fillPrice}). Build one with the static factories.
 *
 * <ul>
 *   <li>{@link Kind#SUBMITTED}: approved, the order went to the broker: {@code brokerOrderId}.</li>
 *   <li>{@link Kind#FILLED}: approved and already filled at {@code fillPrice} (paper broker, marketable order).</li>
 *   <li>{@link Kind#REJECTED}: the trader rejected it ({@code actor}, {@code at}).</li>
 *   <li>{@link Kind#REJECTED_BY_BROKER}: approved, but the broker refused the order: {@code reason}.</li>
 *   <li>{@link Kind#EXPIRED}: too late or the price moved too far: {@code reason}; nothing was sent.</li>
 *   <li>{@link Kind#ALREADY_DECIDED}: a decision was made before (a second press, a second device):
 *       {@code earlier} says which; nothing new happened.</li>
 *   <li>{@link Kind#NOT_FOUND}: no such intent.</li>
 *   <li>{@link Kind#PAUSED}: trading is paused; nothing was sent and the intent is still pending.</li>
 *   <li>{@link Kind#UNCONFIRMED}: approved and sent, but the broker's answer did not say whether the order
 *       exists (a 5xx, a timeout): {@code reason}; it is being checked by listing, and the outcome follows.</li>
 *   <li>{@link Kind#FAILED}: approved, but the order certainly never reached the broker and will not be
 *       sent: {@code reason}.</li>
 *   <li>{@link Kind#REFUSED}: not approved because it would break an exposure limit: {@code reason} names it.</li>
 * </ul>
 */
public record ApprovalOutcome(long intentId, Kind kind, String brokerOrderId, double fillPrice, String reason,
                              String actor, Instant at, Earlier earlier) {

    public enum Kind { SUBMITTED, FILLED, REJECTED, REJECTED_BY_BROKER, EXPIRED, ALREADY_DECIDED, NOT_FOUND, PAUSED, UNCONFIRMED, FAILED, REFUSED }

    /** What an earlier decision on the intent was. */
    public enum Verdict { APPROVED, REJECTED, EXPIRED }

    /**
     * The earlier decision an {@link Kind#ALREADY_DECIDED} outcome refers to: approved (then {@code result}
     * is the outcome it had, e.g. SUBMITTED), rejected or expired, by whom and when; {@code detail} is
     * free text (order id, fill price, expiry reason) and may be null.
     */
    public record Earlier(Verdict verdict, String actor, Instant at, Kind result, String detail) {
        public Earlier {
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    public ApprovalOutcome {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ALREADY_DECIDED) Objects.requireNonNull(earlier, "earlier");
    }

    public static ApprovalOutcome submitted(long id, String brokerOrderId, String actor, Instant at) {
        return new ApprovalOutcome(id, Kind.SUBMITTED, brokerOrderId, Double.NaN, null, actor, at, null);
    }

    public static ApprovalOutcome filled(long id, String brokerOrderId, double price, String actor, Instant at) {
        return new ApprovalOutcome(id, Kind.FILLED, brokerOrderId, price, null, actor, at, null);
    }

    public static ApprovalOutcome rejected(long id, String actor, Instant at) {
        return new ApprovalOutcome(id, Kind.REJECTED, null, Double.NaN, null, actor, at, null);
    }

    public static ApprovalOutcome rejectedByBroker(long id, String reason, String actor, Instant at) {
        return new ApprovalOutcome(id, Kind.REJECTED_BY_BROKER, null, Double.NaN, reason, actor, at, null);
    }

    public static ApprovalOutcome expired(long id, String reason, Instant at) {
        return new ApprovalOutcome(id, Kind.EXPIRED, null, Double.NaN, reason, null, at, null);
    }

    public static ApprovalOutcome unconfirmed(long id, String reason, String actor, Instant at) {
        return new ApprovalOutcome(id, Kind.UNCONFIRMED, null, Double.NaN, reason, actor, at, null);
    }

    public static ApprovalOutcome failed(long id, String reason, String actor, Instant at) {
        return new ApprovalOutcome(id, Kind.FAILED, null, Double.NaN, reason, actor, at, null);
    }

    public static ApprovalOutcome refused(long id, String reason, Instant at) {
        return new ApprovalOutcome(id, Kind.REFUSED, null, Double.NaN, reason, "limits", at, null);
    }

    public static ApprovalOutcome alreadyDecided(long id, Earlier earlier) {
        return new ApprovalOutcome(id, Kind.ALREADY_DECIDED, null, Double.NaN, null, null, null, earlier);
    }

    public static ApprovalOutcome notFound(long id) {
        return new ApprovalOutcome(id, Kind.NOT_FOUND, null, Double.NaN, null, null, null, null);
    }

    public static ApprovalOutcome paused(long id) {
        return new ApprovalOutcome(id, Kind.PAUSED, null, Double.NaN, "trading is paused", null, null, null);
    }

    /** True when the intent is settled for good: its buttons should go. False for PAUSED (still pending). */
    public boolean isFinal() {
        return kind != Kind.PAUSED;
    }
}
