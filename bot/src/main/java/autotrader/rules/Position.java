package autotrader.rules;

/**
 * An open position, or one about to open ({@code pending}: an entry order that may still fill or an
 * intent waiting for the trader; quantity is what was ordered or proposed). Prices in dollars; stop 0
 * when none is set.
 */
public class Position {
    private final String symbol;
    private final int quantity;
    private final double entryPrice;
    private final double stopPrice;
    private final boolean pending;

    public Position(String symbol, int quantity, double entryPrice, double stopPrice) {
        this(symbol, quantity, entryPrice, stopPrice, false);
    }

    public Position(String symbol, int quantity, double entryPrice, double stopPrice, boolean pending) {
        this.pending = pending;
        this.symbol = symbol;
        this.quantity = quantity;
        this.entryPrice = entryPrice;
        this.stopPrice = stopPrice;
    }

    public String getSymbol() { return symbol; }
    public int getQuantity() { return quantity; }
    public double getEntryPrice() { return entryPrice; }
    public double getStopPrice() { return stopPrice; }
    public boolean isPending() { return pending; }
    public double getCostBasis() { return quantity * entryPrice; }

    @Override
    public String toString() {
        return "Position[" + (pending ? "pending " : "") + symbol + " " + quantity + " @ " + entryPrice + " stop " + stopPrice + "]";
    }
}
