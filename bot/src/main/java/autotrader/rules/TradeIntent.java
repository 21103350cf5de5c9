package autotrader.rules;

import java.util.List;

/**
 * What the rules want to do with a signal: buy {@code quantity} shares. Prices in dollars;
 * limitPrice is NaN for a MARKET entry; trailingStopPct 0 means none. The signal's confidence,
 * expected return (%), risk score and horizon are carried along for the approval message and the
 * decision log, with the rules version and the rules that fired for this signal, in firing order.
 */
public record TradeIntent(String symbol, String side, int quantity, String entryType, double entryPrice, double limitPrice,
                          double stopLoss, double takeProfit, double trailingStopPct, int rank,
                          double confidence, double expectedReturn, int riskScore, String timeHorizon,
                          List<String> firedRules, String rulesVersion) {
    public TradeIntent {
        firedRules = List.copyOf(firedRules);
    }

    public double positionValue() {
        return quantity * entryPrice;
    }

    /** Dollars lost if the stop is hit at its price. */
    public double riskAmount() {
        return quantity * (entryPrice - stopLoss);
    }
}
