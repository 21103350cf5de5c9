package autotrader.rules;

import autotrader.market.MarketCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/** Builds the time-related facts from the NYSE calendar, so rules can use plain numbers. */
public final class TradingTime {

    private TradingTime() {
    }

    public static MarketState marketState(Instant now, MarketCalendar cal) {
        ZonedDateTime ny = now.atZone(MarketCalendar.NEW_YORK);
        int hhmm = ny.getHour() * 100 + ny.getMinute();
        boolean open = cal.isOpen(now);
        if (!open) {
            LocalDate next = cal.dateAt(cal.nextOpen(now));
            return new MarketState(now, next, false, 0, 0, hhmm);
        }
        LocalDate day = cal.dateAt(now);
        int sinceOpen = (int) Duration.between(cal.openInstant(day), now).toMinutes();
        int toClose = (int) Duration.between(now, cal.closeInstant(day)).toMinutes();
        return new MarketState(now, day, true, sinceOpen, toClose, hhmm);
    }

    public static StopOut stopOut(String symbol, Instant time, Instant now, MarketCalendar cal) {
        return new StopOut(symbol, time, tradingMinutesBetween(time, now, cal), tradingDaysBetween(time, now, cal));
    }

    /** Regular-session minutes in [from, to): nights, weekends and holidays do not count. */
    public static long tradingMinutesBetween(Instant from, Instant to, MarketCalendar cal) {
        if (!from.isBefore(to)) return 0;
        long minutes = 0;
        for (LocalDate d = cal.dateAt(from); !d.isAfter(cal.dateAt(to)); d = d.plusDays(1)) {
            if (!cal.isTradingDay(d)) continue;
            Instant start = max(from, cal.openInstant(d));
            Instant end = min(to, cal.closeInstant(d));
            if (start.isBefore(end)) minutes += Duration.between(start, end).toMinutes();
        }
        return minutes;
    }

    /** Trading days from the session of {@code from} to the session of {@code to}: 0 = same day. */
    public static int tradingDaysBetween(Instant from, Instant to, MarketCalendar cal) {
        int days = 0;
        for (LocalDate d = cal.dateAt(from).plusDays(1); !d.isAfter(cal.dateAt(to)); d = d.plusDays(1)) {
            if (cal.isTradingDay(d)) days++;
        }
        return days;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
