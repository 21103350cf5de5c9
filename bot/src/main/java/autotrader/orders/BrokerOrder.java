package autotrader.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import java.util.stream.Stream;
/**
 * An order as the broker reports it, already mapped onto our states: WORKING-like statuses are
 * SUBMITTED, AWAITING_PARENT_ORDER is WAITING, REPLACED is CANCELED. {@code rawStatus} keeps the
 * broker's word for the audit trail. {@code tag} is the client order id where the broker can carry one
 * (the paper broker can; Schwab cannot).
 */
public record BrokerOrder(String brokerOrderId, String symbol, Side side, long quantity, OrderType type,
                          BigDecimal limitPrice, BigDecimal stopPrice, OrderState state, String rawStatus,
                          long filledQuantity, Instant enteredTime, String tag,
                          List<BrokerFill> fills, List<BrokerOrder> children) {

    public BrokerOrder {
        fills = fills == null ? List.of() : List.copyOf(fills);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** The child legs below this order, OCO wrappers looked through. */
    public List<BrokerOrder> legs() {
        return children.stream().flatMap(c -> c.type == OrderType.OCO ? c.legs().stream() : Stream.of(c)).toList();
    }

    /** Which protective role a child leg plays, from its type. */
    public OrderRole legRole() {
        return switch (type) {
            case LIMIT -> OrderRole.TAKE_PROFIT;
            case TRAILING_STOP -> OrderRole.TRAILING_STOP;
            default -> OrderRole.STOP_LOSS;
        };
    }
}
