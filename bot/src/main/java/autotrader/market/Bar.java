package autotrader.market;

import java.time.Instant;

/**
 * One OHLCV bar. {@code start} is the first instant the bar covers and {@code end} the instant it
 * is complete (exclusive), so a bar is known to a decision made at time t only when end <= t.
 * Session-aligned bars can be shorter than their timeframe (the 15:30-16:00 hourly bar), which is
 * why the end is stored rather than derived.
 */
public record Bar(Instant start, Instant end, double open, double high, double low, double close, double volume) {

    /** Why this bar is not a valid bar, or null when it is. */
    public String problem() {
        if (start == null || end == null) return "missing time";
        if (!end.isAfter(start)) return "end " + end + " is not after start " + start;
        if (!(Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low) && Double.isFinite(close)))
            return "price is not a number";
        if (!(open > 0 && high > 0 && low > 0 && close > 0)) return "price is not positive";
        if (high < low) return "high " + high + " < low " + low;
        if (open > high || open < low || close > high || close < low) return "open/close outside high-low range";
        if (!Double.isFinite(volume) || volume < 0) return "volume is negative or not a number";
        return null;
    }

    public boolean isValid() {
        return problem() == null;
    }
}
