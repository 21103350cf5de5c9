package autotrader.view;

import autotrader.approvals.TraderCommands.PnlPeriod;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The account's P&L over a period: equity now (the broker's) against the first account snapshot since the period began
 * (market-time periods: today, this week from Monday, all).
 *
 * @param from        when the period began
 * @param equity      equity now, as the broker reports it
 * @param startEquity the first snapshot's equity in the period; null when none was taken in it yet (then {@code change}
 *                    is null and {@code changePct} NaN)
 * @param change      equity - start equity, {@link Money}
 * @param changePct   the change in percent of the start equity (of the unrounded change); NaN when the start was zero
 */
public record PeriodPnl(PnlPeriod period, Instant from, BigDecimal equity, BigDecimal startEquity, BigDecimal change, double changePct) {

    public boolean known() {
        return startEquity != null;
    }
}
