package autotrader.backtest;

import autotrader.orders.Side;

import java.time.Instant;

/**
 * One fill of the paper broker: {@code placedAt} is when its order was placed (the decision's market
 * time for entries), {@code orderType} says how it filled (MARKET, STOP, LIMIT, TRAILING_STOP).
 */
public record Fill(long orderId, String symbol, Side side, long quantity, double price, double commission, Instant filledAt,
                   Instant placedAt, String orderType) {
}
