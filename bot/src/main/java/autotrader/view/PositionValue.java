package autotrader.view;

import java.math.BigDecimal;

/**
 * One position of the bot's book valued at the last price known at market time now.
 *
 * @param lastPrice        the last price as the market gave it (unrounded); null when no price is known, and then
 *                         {@code marketValue} and {@code unrealizedPnl} are null and {@code unrealizedPnlPct} NaN
 * @param marketValue      last price x quantity, {@link Money}
 * @param unrealizedPnl    (last price - average price) x quantity, {@link Money}
 * @param unrealizedPnlPct the position's P&L in percent of its cost (for a short, the fall of the price)
 */
public record PositionValue(String symbol, long quantity, BigDecimal avgPrice, BigDecimal lastPrice, BigDecimal marketValue,
                            BigDecimal unrealizedPnl, double unrealizedPnlPct) {

    public boolean priced() {
        return lastPrice != null;
    }
}
