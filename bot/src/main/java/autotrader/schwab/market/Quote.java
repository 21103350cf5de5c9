package autotrader.schwab.market;

import java.time.Instant;

/**
 * One symbol's entry from GET /marketdata/v1/quotes (SCHWAB.md 3.1). Prices are dollars, volumes
 * shares; {@code netPercentChange} is in percent (1.17 means +1.17 %). A field Schwab did not send is
 * NaN (numbers) or null (times, status). {@code fetchedAt} is when the answer arrived here: the quote
 * is what was known at that instant.
 */
public record Quote(String symbol, double lastPrice, double openPrice, double highPrice, double lowPrice, double closePrice,
                    double totalVolume, double netPercentChange, double avg10DaysVolume, Instant quoteTime, Instant tradeTime,
                    String securityStatus, Instant fetchedAt) {

    /** True unless Schwab marks the security as something other than "Normal" (e.g. halted). */
    public boolean normal() {
        return securityStatus == null || securityStatus.equalsIgnoreCase("Normal");
    }
}
