package autotrader.approvals;

import java.util.List;
import java.util.Optional;

/**
 * The approval service as the adapters (Telegram, REST, shell) see it. The implementation owns the
 * state of every intent and guarantees exactly-once: whatever the number of calls, from whatever
 * adapter or device, at most one order is ever submitted for one intent; later calls answer
 * {@link ApprovalOutcome.Kind#ALREADY_DECIDED}. It also owns expiry (approval timeout, price drift).
 * Adapters call each method once per user action and never retry {@link #approve} on an error.
 */
public interface Approvals {

    /** The intent, pending or not (null fields never); empty when the id is unknown. */
    Optional<PendingIntent> find(long intentId);

    /** Approves the intent: checks expiry and price drift, then submits the order once. */
    ApprovalOutcome approve(long intentId, String actor);

    /** Rejects the intent (nothing is sent). A second call answers ALREADY_DECIDED. */
    ApprovalOutcome reject(long intentId, String actor);

    /** The intents still waiting for a decision, oldest first. */
    List<PendingIntent> pending();

    /**
     * Expires every pending intent that is past its approval timeout or whose price has moved more
     * than the allowed drift, and returns one {@link ApprovalOutcome.Kind#EXPIRED} outcome (with its
     * reason) for each intent expired by this call; intents expired earlier are not repeated.
     */
    List<ApprovalOutcome> expireDue();
}
