package autotrader.approvals;

import autotrader.rules.TradeIntent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A trade intent waiting for the trader's decision, as the approval service keeps it: the fields the
 * approval message shows, when it was created, when it expires and the price of the signal it came
 * from (the approval service compares the current price with it). Prices in dollars; limitPrice is
 * NaN for a MARKET entry; trailingStopPct is a fraction (0 = none); expectedReturn is in percent.
 */
public record PendingIntent(long intentId, String symbol, String side, int quantity, String entryType,
                            double entryPrice, double limitPrice, double stopLoss, double takeProfit,
                            double trailingStopPct, double confidence, double expectedReturn, int riskScore,
                            String timeHorizon, List<String> firedRules, Instant createdAt, Instant expiresAt,
                            double signalPrice, int holdBars, String holdTimeframe) {

    /** An intent without a holding limit. */
    public PendingIntent(long intentId, String symbol, String side, int quantity, String entryType, double entryPrice, double limitPrice,
                         double stopLoss, double takeProfit, double trailingStopPct, double confidence, double expectedReturn,
                         int riskScore, String timeHorizon, List<String> firedRules, Instant createdAt, Instant expiresAt,
                         double signalPrice) {
        this(intentId, symbol, side, quantity, entryType, entryPrice, limitPrice, stopLoss, takeProfit, trailingStopPct, confidence,
                expectedReturn, riskScore, timeHorizon, firedRules, createdAt, expiresAt, signalPrice, 0, "");
    }

    public PendingIntent {
        if (holdTimeframe == null) holdTimeframe = "";
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        firedRules = firedRules == null ? List.of() : List.copyOf(firedRules);
    }

    /** The pending form of a rules engine intent. */
    public static PendingIntent of(long intentId, TradeIntent t, Instant createdAt, Instant expiresAt, double signalPrice) {
        return new PendingIntent(intentId, t.symbol(), t.side(), t.quantity(), t.entryType(), t.entryPrice(), t.limitPrice(),
                t.stopLoss(), t.takeProfit(), t.trailingStopPct(), t.confidence(), t.expectedReturn(), t.riskScore(),
                t.timeHorizon(), t.firedRules(), createdAt, expiresAt, signalPrice, t.holdBars(), t.holdTimeframe());
    }

    /** "closed at market after 10 x 5m bars", or null without a holding limit. */
    public String holdingLimit() {
        return holdBars > 0 ? "closed at market after " + holdBars + " x " + holdTimeframe + " bars" : null;
    }

    public double positionValue() {
        return quantity * entryPrice;
    }

    /** Dollars lost if the stop is hit at its price (long entries). */
    public double riskAmount() {
        return quantity * (entryPrice - stopLoss);
    }
}
