package autotrader.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The broker port: everything the bot does with a broker goes through it. Adapters: the paper broker
 * ({@code autotrader.orders.paper}) and Schwab ({@code autotrader.schwab}).
 *
 * <p>Contract for {@link #place}: called at most once per order (the caller never retries it). It
 * returns the broker's order id when the broker told it; an empty id means "placed, id unknown".
 * {@link OrderRejectedException} means the broker refused it (nothing was placed);
 * {@link OrderOutcomeUnknownException} means it may or may not have been placed: the caller settles
 * that by listing orders, never by sending again.
 */
public interface Broker {

    /** Which account state this broker's orders belong to in SQLite: "paper" or "live". */
    String account();

    /** Why orders cannot be placed right now (e.g. Schwab login expired: monitor-only), or empty. */
    Optional<String> placementBlockedReason();

    PlaceResult place(OrderRequest request);

    /** The order with its child legs and executions; empty when the broker does not know the id. */
    Optional<BrokerOrder> order(String brokerOrderId);

    /** Top-level orders entered within [from, to], with their child legs. */
    List<BrokerOrder> orders(Instant from, Instant to);

    /** Asks the broker to cancel; the outcome is seen on the next {@link #order} read. */
    void cancel(String brokerOrderId);

    List<BrokerPosition> positions();

    Balances balances();

    /** The broker's notion of now (market time for the paper broker), used for listing windows. */
    Instant now();

    record PlaceResult(Optional<String> brokerOrderId) {
        public static PlaceResult of(String id) {
            return new PlaceResult(Optional.ofNullable(id));
        }
    }
}
