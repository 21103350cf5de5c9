package autotrader.rules;

import java.util.List;

/**
 * What the rules want to do with a signal: buy {@code quantity} shares. Prices in dollars;
 * limitPrice is NaN for a MARKET entry; trailingStopPct 0 means none. The signal's confidence,
 * expected return (%), risk score and horizon are carried along for the approval message and the
 * decision log, with the rules version and the rules that fired for this signal, in firing order.
 * holdBars > 0: the position is closed at market after that many bars of holdTimeframe (the model's
 * trade has a holding limit); 0: it stays until its stop or target.
 */
public record TradeIntent(String symbol, String side, int quantity, String entryType, double entryPrice, double limitPrice,
                          double stopLoss, double takeProfit, double trailingStopPct, int rank,
                          double confidence, double expectedReturn, int riskScore, String timeHorizon,
                          List<String> firedRules, String rulesVersion, int holdBars, String holdTimeframe) {
    public TradeIntent {
        firedRules = List.copyOf(firedRules);
        if (holdBars < 0) throw new IllegalArgumentException("holdBars must not be negative");
        if (holdTimeframe == null) holdTimeframe = "";
        if (holdBars > 0 && holdTimeframe.isEmpty()) throw new IllegalArgumentException("a holding limit needs its timeframe");
    }

    /** An intent without a holding limit. */
    public TradeIntent(String symbol, String side, int quantity, String entryType, double entryPrice, double limitPrice,
                       double stopLoss, double takeProfit, double trailingStopPct, int rank,
                       double confidence, double expectedReturn, int riskScore, String timeHorizon,
                       List<String> firedRules, String rulesVersion) {
        this(symbol, side, quantity, entryType, entryPrice, limitPrice, stopLoss, takeProfit, trailingStopPct, rank, confidence,
                expectedReturn, riskScore, timeHorizon, firedRules, rulesVersion, 0, "");
    }

    public double positionValue() {
        return quantity * entryPrice;
    }

    /** Dollars lost if the stop is hit at its price. */
    public double riskAmount() {
        return quantity * (entryPrice - stopLoss);
    }
}
