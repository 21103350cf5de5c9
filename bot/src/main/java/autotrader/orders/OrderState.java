package autotrader.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an order in SQLite. The table of allowed moves is the whole state machine: anything not
 * listed is refused by {@link OrderRepository#transition}, so a bug or a strange broker answer cannot
 * quietly turn a FILLED order back into a working one.
 *
 * <pre>
 * INTENT -> APPROVED -> SUBMITTING -> SUBMITTED -> PARTIALLY_FILLED -> FILLED
 *                          |   \-> UNKNOWN (sent, outcome not known: settled by listing, never by re-sending)
 *                          \-> (broker answers) REJECTED / CANCELED / EXPIRED / FILLED
 * WAITING: a child leg (take-profit, stop-loss) held by the broker until its parent fills.
 * APPROVED -> FAILED: it certainly never reached the broker (two listings found nothing after the
 *             last allowed POST, or placing was blocked) and it will not be sent again.
 * </pre>
 */
public enum OrderState {
    INTENT, APPROVED, SUBMITTING, UNKNOWN, WAITING, SUBMITTED, PARTIALLY_FILLED,
    FILLED, CANCELED, REJECTED, EXPIRED, FAILED;

    private static final Set<OrderState> BROKER_OUTCOMES = EnumSet.of(SUBMITTED, WAITING, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED);

    private static final Map<OrderState, Set<OrderState>> NEXT = Map.ofEntries(
            Map.entry(INTENT, EnumSet.of(APPROVED, CANCELED)),
            Map.entry(APPROVED, EnumSet.of(SUBMITTING, CANCELED, FAILED)),
            // SUBMITTING -> APPROVED only when two listings prove the POST never reached the broker.
            Map.entry(SUBMITTING, union(BROKER_OUTCOMES, EnumSet.of(UNKNOWN, APPROVED))),
            Map.entry(UNKNOWN, union(BROKER_OUTCOMES, EnumSet.of(APPROVED))),
            Map.entry(WAITING, EnumSet.of(SUBMITTED, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED)),
            Map.entry(SUBMITTED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED)),
            Map.entry(PARTIALLY_FILLED, EnumSet.of(PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED)),
            Map.entry(FILLED, EnumSet.noneOf(OrderState.class)),
            Map.entry(CANCELED, EnumSet.noneOf(OrderState.class)),
            Map.entry(REJECTED, EnumSet.noneOf(OrderState.class)),
            Map.entry(EXPIRED, EnumSet.noneOf(OrderState.class)),
            Map.entry(FAILED, EnumSet.noneOf(OrderState.class)));

    private static Set<OrderState> union(Set<OrderState> a, Set<OrderState> b) {
        EnumSet<OrderState> s = EnumSet.copyOf(a);
        s.addAll(b);
        return s;
    }

    public boolean canMoveTo(OrderState next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    /** At the broker, or possibly at the broker: cancel and reconcile must look at it. */
    public boolean isLive() {
        return this == SUBMITTING || this == UNKNOWN || this == WAITING || this == SUBMITTED || this == PARTIALLY_FILLED;
    }
}
