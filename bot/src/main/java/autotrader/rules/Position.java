package autotrader.rules;

/** An open position. Prices in dollars; stop 0 when none is set. */
public class Position {
    private final String symbol;
    private final int quantity;
    private final double entryPrice;
    private final double stopPrice;

    public Position(String symbol, int quantity, double entryPrice, double stopPrice) {
        this.symbol = symbol;
        this.quantity = quantity;
        this.entryPrice = entryPrice;
        this.stopPrice = stopPrice;
    }

    public String getSymbol() { return symbol; }
    public int getQuantity() { return quantity; }
    public double getEntryPrice() { return entryPrice; }
    public double getStopPrice() { return stopPrice; }
    public double getCostBasis() { return quantity * entryPrice; }

    @Override
    public String toString() {
        return "Position[" + symbol + " " + quantity + " @ " + entryPrice + " stop " + stopPrice + "]";
    }
}
