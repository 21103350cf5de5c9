package autotrader.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * One position from its entry fill to its exit fill, costs included: slippage is inside the fill
 * prices, commissions are added. {@code returnPct} is pnl / (entry notional + entry commission).
 * {@code open}: still held at the end of the run, marked at the last close with no exit cost (kept
 * out of the trade statistics). {@code confidence}: the ensemble's confidence in the decision that
 * led to the entry (NaN when unknown, e.g. baselines).
 */
public record RoundTrip(String symbol, Instant entryAt, Instant exitAt, long quantity, double entryPrice, double exitPrice,
                        double commissions, double pnl, double returnPct, String exitReason, double confidence, boolean open) {

    public static RoundTrip of(String symbol, Instant entryAt, Instant exitAt, long qty, double entryPrice, double exitPrice,
                               double entryCommission, double exitCommission, String exitReason, double confidence, boolean open) {
        double cost = qty * entryPrice + entryCommission;
        double pnl = qty * (exitPrice - entryPrice) - entryCommission - exitCommission;
        return new RoundTrip(symbol, entryAt, exitAt, qty, entryPrice, exitPrice, entryCommission + exitCommission, pnl, pnl / cost,
                exitReason, confidence, open);
    }

    public double holdingDays() {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(entryAt, ZoneOffset.UTC), LocalDate.ofInstant(exitAt, ZoneOffset.UTC));
    }
}
