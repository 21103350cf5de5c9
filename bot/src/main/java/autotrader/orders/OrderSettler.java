package autotrader.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settles an order whose fate is unknown (SUBMITTING after a crash, UNKNOWN after a timeout or a 201
 * without Location) by listing the broker's orders: never by sending it again.
 * <ul>
 * <li>one match: its id is adopted and its state applied;</li>
 * <li>several: alert and stop (the order stays UNKNOWN for a person to decide);</li>
 * <li>none: UNKNOWN after the first listing; after a second listing a little later, back to APPROVED
 *     with the cause written down, because the POST provably never reached the broker.</li>
 * </ul>
 */
public final class OrderSettler {

    private static final Logger log = LoggerFactory.getLogger(OrderSettler.class);

    public enum Outcome { SETTLED, AMBIGUOUS, NOT_FOUND_YET, NEVER_ARRIVED }

    private final Broker broker;
    private final OrderRepository repo;
    private final OrderSync sync;
    private final OrderAlerts alerts;

    public OrderSettler(Broker broker, OrderRepository repo, OrderSync sync, OrderAlerts alerts) {
        this.broker = broker;
        this.repo = repo;
        this.sync = sync;
        this.alerts = alerts;
    }

    public Outcome settle(StoredOrder order) {
        StoredOrder o = repo.get(order.id());
        if (o.state() != OrderState.SUBMITTING && o.state() != OrderState.UNKNOWN) return Outcome.SETTLED;
        var from = (o.submittingAt() != null ? o.submittingAt() : o.createdAt()).minus(OrderMatcher.SKEW);
        List<BrokerOrder> listing = broker.orders(from, broker.now().plus(Duration.ofMinutes(1)));
        Set<String> linked = new HashSet<>();
        for (BrokerOrder b : listing) if (repo.byBrokerId(o.account(), b.brokerOrderId()).isPresent()) linked.add(b.brokerOrderId());
        List<BrokerOrder> matches = OrderMatcher.candidates(o, listing, linked);
        if (matches.size() == 1) {
            BrokerOrder m = matches.get(0);
            repo.setBrokerOrderId(o.id(), m.brokerOrderId());
            log.info("order {} settled by listing: broker order {} ({})", o.id(), m.brokerOrderId(), m.rawStatus());
            StoredOrder adopted = repo.get(o.id());
            if (m.state() == OrderState.WAITING || m.state() == OrderState.SUBMITTED) {
                repo.transition(o.id(), OrderState.SUBMITTED, "found at the broker by listing: order " + m.brokerOrderId());
                adopted = repo.get(o.id());
            }
            sync.apply(adopted, m);
            return Outcome.SETTLED;
        }
        if (matches.size() > 1) {
            String msg = "order " + o.id() + " (" + o.side() + " " + o.quantity() + " " + o.symbol() + ") matches " + matches.size()
                    + " broker orders " + matches.stream().map(BrokerOrder::brokerOrderId).toList() + ": left UNKNOWN, a person must decide";
            alerts.problem(msg);
            if (o.state() == OrderState.SUBMITTING) repo.transition(o.id(), OrderState.UNKNOWN, "several broker orders match");
            return Outcome.AMBIGUOUS;
        }
        repo.countListingMiss(o.id());
        if (o.listingMisses() + 1 >= 2) {
            repo.transition(o.id(), OrderState.APPROVED, "not at the broker in two listings: the POST never arrived; may be sent again");
            return Outcome.NEVER_ARRIVED;
        }
        if (o.state() == OrderState.SUBMITTING) repo.transition(o.id(), OrderState.UNKNOWN, "outcome unknown, not in the broker's first listing");
        return Outcome.NOT_FOUND_YET;
    }
}
