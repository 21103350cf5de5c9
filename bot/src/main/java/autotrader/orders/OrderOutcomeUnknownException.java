package autotrader.orders;

/**
 * The order may or may not have been placed (timeout, connection reset, 5xx, 401 on the POST).
 * Never answered by sending again: the order goes to UNKNOWN and is settled by listing.
 */
public class OrderOutcomeUnknownException extends BrokerException {
    public OrderOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
