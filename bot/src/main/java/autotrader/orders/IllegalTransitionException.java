package autotrader.orders;

/** A state change the state machine does not allow; the row is left as it was. */
public class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(long orderId, OrderState from, OrderState to, String cause) {
        super("order " + orderId + ": " + from + " -> " + to + " is not allowed (cause: " + cause + ")");
    }
}
