package autotrader.orders;

/** Direction of an order. The bot trades long only: BUY opens, SELL closes. */
public enum Side {
    BUY, SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
