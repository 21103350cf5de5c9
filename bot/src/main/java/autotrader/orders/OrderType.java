package autotrader.orders;

/** The order types the bot sends or reads back; OCO is the wrapper of a take-profit/stop-loss pair. */
public enum OrderType {
    MARKET, LIMIT, STOP, TRAILING_STOP, OCO, OTHER
}
