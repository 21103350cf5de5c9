package autotrader.orders;

/** The broker refused the order: nothing was placed. */
public class OrderRejectedException extends BrokerException {
    public OrderRejectedException(String message) {
        super(message);
    }
}
