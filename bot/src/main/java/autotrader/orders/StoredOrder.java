package autotrader.orders;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the orders table. */
public record StoredOrder(long id, String account, String clientOrderId, String intentRef, Long parentId, String origin,
                          OrderRole role, String symbol, Side side, long quantity, OrderType orderType,
                          BigDecimal limitPrice, BigDecimal stopPrice, BigDecimal takeProfit, BigDecimal stopLoss,
                          BigDecimal trailingOffset, OrderState state, String brokerOrderId, long filledQuantity,
                          BigDecimal avgFillPrice, Instant createdAt, Instant submittingAt, Instant updatedAt, int listingMisses) {

    public static final String SENT = "SENT";
    public static final String CHILD = "CHILD";

    public boolean sentByUs() {
        return SENT.equals(origin);
    }

    /** The request this row was created from (only for rows the bot sent). */
    public OrderRequest toRequest() {
        EntryType entry = orderType == OrderType.LIMIT && role != OrderRole.PROTECTION ? EntryType.LIMIT : EntryType.MARKET;
        return new OrderRequest(clientOrderId, intentRef, role, symbol, side, quantity, entry,
                entry == EntryType.LIMIT ? limitPrice : null, stopLoss, takeProfit, trailingOffset);
    }
}
