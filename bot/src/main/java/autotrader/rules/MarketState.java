package autotrader.rules;

import java.time.Instant;
import java.time.LocalDate;

/** The market clock at the time of the batch, New York time. */
public class MarketState {
    private final Instant now;
    private final LocalDate tradingDay;
    private final boolean sessionOpen;
    private final int minutesSinceOpen;
    private final int minutesToClose;
    private final int hhmm;

    public MarketState(Instant now, LocalDate tradingDay, boolean sessionOpen, int minutesSinceOpen, int minutesToClose, int hhmm) {
        this.now = now;
        this.tradingDay = tradingDay;
        this.sessionOpen = sessionOpen;
        this.minutesSinceOpen = minutesSinceOpen;
        this.minutesToClose = minutesToClose;
        this.hhmm = hhmm;
    }

    public Instant getNow() { return now; }
    /** The session's date (the next one when called outside a session). */
    public LocalDate getTradingDay() { return tradingDay; }
    public boolean isSessionOpen() { return sessionOpen; }
    /** Minutes since 09:30 in the current session; 0 when closed. */
    public int getMinutesSinceOpen() { return minutesSinceOpen; }
    /** Minutes until today's close (16:00, or 13:00 on early closes); 0 when closed. */
    public int getMinutesToClose() { return minutesToClose; }
    /** Wall-clock time in New York as a number: 15:45 is 1545. */
    public int getHhmm() { return hhmm; }

    @Override
    public String toString() {
        return "MarketState[" + now + " open=" + sessionOpen + " toClose=" + minutesToClose + "m hhmm=" + hhmm + "]";
    }
}
