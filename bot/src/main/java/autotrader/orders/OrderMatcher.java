package autotrader.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Finds, in a broker's order listing, the order we may have sent. Schwab has no client order id, so
 * an order is recognised by what was sent: symbol, side, quantity, type, limit price, and an entered
 * time no earlier than a minute before SUBMITTING was written. A broker that echoes our client order
 * id as a tag (the paper broker) is matched on it exactly. Orders already linked to another local row
 * are never candidates.
 */
public final class OrderMatcher {

    /** Clock skew allowance between our SUBMITTING time and the broker's entered time. */
    static final Duration SKEW = Duration.ofMinutes(1);

    private OrderMatcher() {
    }

    public static List<BrokerOrder> candidates(StoredOrder local, List<BrokerOrder> listing, Set<String> linkedIds) {
        List<BrokerOrder> free = listing.stream().filter(b -> !linkedIds.contains(b.brokerOrderId())).toList();
        List<BrokerOrder> tagged = free.stream().filter(b -> local.clientOrderId().equals(b.tag())).toList();
        if (!tagged.isEmpty()) return tagged;
        Instant from = (local.submittingAt() != null ? local.submittingAt() : local.createdAt()).minus(SKEW);
        return free.stream()
                .filter(b -> b.tag() == null || !b.tag().startsWith("AT-"))  // another order of ours, tagged differently
                .filter(b -> local.symbol().equals(b.symbol()) && local.side() == b.side() && local.quantity() == b.quantity())
                .filter(b -> local.orderType() == b.type())
                .filter(b -> local.orderType() != OrderType.LIMIT || (b.limitPrice() != null && local.limitPrice().compareTo(b.limitPrice()) == 0))
                .filter(b -> b.enteredTime() == null || !b.enteredTime().isBefore(from))
                .toList();
    }
}
