package autotrader.rules;

import java.time.Instant;

/**
 * A recent exit at the stop. The elapsed trading time is worked out in Java against the NYSE
 * calendar, because counting sessions (weekends, holidays, early closes) is not something a rule
 * should have to do.
 */
public class StopOut {
    private final String symbol;
    private final Instant time;
    private final long tradingMinutesAgo;
    private final int tradingDaysAgo;

    public StopOut(String symbol, Instant time, long tradingMinutesAgo, int tradingDaysAgo) {
        this.symbol = symbol;
        this.time = time;
        this.tradingMinutesAgo = tradingMinutesAgo;
        this.tradingDaysAgo = tradingDaysAgo;
    }

    public String getSymbol() { return symbol; }
    public Instant getTime() { return time; }
    /** Regular-session minutes between the stop-out and now (a full session is 390). */
    public long getTradingMinutesAgo() { return tradingMinutesAgo; }
    /** Sessions since the stop-out's session: 0 = today, 1 = the previous trading day. */
    public int getTradingDaysAgo() { return tradingDaysAgo; }

    @Override
    public String toString() {
        return "StopOut[" + symbol + " at " + time + ", " + tradingMinutesAgo + " trading min ago]";
    }
}
