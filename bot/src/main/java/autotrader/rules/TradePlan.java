package autotrader.rules;

import org.kie.api.definition.type.ClassReactive;

/**
 * The working copy of an entry for a signal that survived the filter: the rank phase creates it, the
 * stops phase sets stop-loss and take-profit, the size phase sets the quantity. Rules change it with
 * {@code modify}. What is left of it after all phases becomes a {@link TradeIntent}.
 *
 * <p>Class-reactive on purpose: rules match on derived values (positionValue, riskPerShare), and
 * Drools' default property reactivity would not re-check {@code positionValue > x} after a
 * {@code modify} that only calls setQuantity. Every modify re-checks every pattern on the plan, so
 * each rule guards itself with the field it sets (stopLoss == 0, !sized, ...) to fire once.
 */
@ClassReactive
public class TradePlan {
    public static final String MARKET = "MARKET";
    public static final String LIMIT = "LIMIT";

    private final Signal signal;
    private final int rank;
    private String entryType = MARKET;
    private double entryPrice;
    private double limitPrice = Double.NaN;
    private double stopLoss;
    private double takeProfit;
    private double trailingStopPct;
    private int quantity;
    private boolean sized;
    private boolean funded;
    private int holdBars;
    private String holdTimeframe = "";

    public TradePlan(Signal signal, int rank) {
        this.signal = signal;
        this.rank = rank;
        this.entryPrice = signal.getPrice();
    }

    public Signal getSignal() { return signal; }
    public String getSymbol() { return signal.getSymbol(); }
    /** 1 = highest confidence among the signals that passed the filter. */
    public int getRank() { return rank; }
    /** MARKET or LIMIT. */
    public String getEntryType() { return entryType; }
    public void setEntryType(String entryType) { this.entryType = entryType; }
    /** Price the risk is sized from: the last price for MARKET, the limit for LIMIT. */
    public double getEntryPrice() { return entryPrice; }
    public void setEntryPrice(double entryPrice) { this.entryPrice = entryPrice; }
    /** NaN for a MARKET entry. */
    public double getLimitPrice() { return limitPrice; }
    public void setLimitPrice(double limitPrice) { this.limitPrice = limitPrice; }
    /** 0 until the stops phase sets it. */
    public double getStopLoss() { return stopLoss; }
    public void setStopLoss(double stopLoss) { this.stopLoss = stopLoss; }
    /** Dollars at risk per share between entry and stop. */
    public double getRiskPerShare() { return stopLoss > 0 ? entryPrice - stopLoss : 0; }
    /** Stop distance as a fraction of the entry price. */
    public double getStopDistancePct() { return stopLoss > 0 ? (entryPrice - stopLoss) / entryPrice : 0; }
    public double getTakeProfit() { return takeProfit; }
    public void setTakeProfit(double takeProfit) { this.takeProfit = takeProfit; }
    /** Trailing stop as a fraction below the high since entry; 0 = none. */
    public double getTrailingStopPct() { return trailingStopPct; }
    public void setTrailingStopPct(double trailingStopPct) { this.trailingStopPct = trailingStopPct; }
    public int getQuantity() { return quantity; }
    public void setQuantity(int quantity) { this.quantity = quantity; }
    public double getPositionValue() { return quantity * entryPrice; }
    /** The risk-based quantity has been set (the caps may still lower it). */
    public boolean isSized() { return sized; }
    public void setSized(boolean sized) { this.sized = sized; }
    /** The batch's buying power has been drawn for this plan; its quantity is final. */
    public boolean isFunded() { return funded; }
    public void setFunded(boolean funded) { this.funded = funded; }

    /** Close the position at market after this many bars of {@link #getHoldTimeframe()}; 0 = no time exit. */
    public int getHoldBars() { return holdBars; }
    public void setHoldBars(int holdBars) { this.holdBars = holdBars; }
    public String getHoldTimeframe() { return holdTimeframe; }
    public void setHoldTimeframe(String holdTimeframe) { this.holdTimeframe = holdTimeframe; }

    @Override
    public String toString() {
        return "TradePlan[#" + rank + " " + getSymbol() + " " + quantity + " " + entryType + " " + entryPrice + " stop " + stopLoss + " tp " + takeProfit + "]";
    }
}
