package autotrader.market.sim;

import autotrader.market.MarketCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated sessions numbered from the start date (day index 0), with their open and close
 * as epoch seconds. Calendar lookups are slow next to the simulation, so each session is looked
 * up once and kept; the list grows on demand as later dates are asked for.
 */
final class TradingDays {

    private final MarketCalendar calendar;
    private final LocalDate first;
    private final Map<LocalDate, Integer> indexByDate = new HashMap<>();
    private LocalDate[] dates = new LocalDate[0];
    private long[] openSec = new long[0];
    private long[] closeSec = new long[0];
    private int size;

    TradingDays(MarketCalendar calendar, LocalDate startDate) {
        this.calendar = calendar;
        this.first = calendar.isTradingDay(startDate) ? startDate : calendar.nextTradingDay(startDate);
    }

    LocalDate first() {
        return first;
    }

    /** Index of the session on that date, or -1 when it is not a simulated session. */
    synchronized int indexOf(LocalDate day) {
        if (day.isBefore(first)) return -1;
        ensureThrough(day);
        return indexByDate.getOrDefault(day, -1);
    }

    synchronized LocalDate date(int index) {
        return dates[index];
    }

    synchronized long openSec(int index) {
        return openSec[index];
    }

    synchronized long closeSec(int index) {
        return closeSec[index];
    }

    synchronized int minutes(int index) {
        return (int) ((closeSec[index] - openSec[index]) / 60);
    }

    /** The last session that had opened at or before t, or -1. */
    synchronized int lastOpenedBy(Instant t) {
        ensureThrough(calendar.dateAt(t));
        return lastAtOrBefore(openSec, t.getEpochSecond());
    }

    /** The last session that had closed at or before t, or -1. */
    synchronized int lastClosedBy(Instant t) {
        ensureThrough(calendar.dateAt(t));
        return lastAtOrBefore(closeSec, t.getEpochSecond());
    }

    private int lastAtOrBefore(long[] sorted, long sec) {
        int i = Arrays.binarySearch(sorted, 0, size, sec);
        return i >= 0 ? i : -i - 2;
    }

    private void ensureThrough(LocalDate day) {
        LocalDate next = size == 0 ? first : calendar.nextTradingDay(dates[size - 1]);
        while (!next.isAfter(day)) {
            if (size == dates.length) grow();
            dates[size] = next;
            openSec[size] = calendar.openInstant(next).getEpochSecond();
            closeSec[size] = calendar.closeInstant(next).getEpochSecond();
            indexByDate.put(next, size);
            size++;
            next = calendar.nextTradingDay(next);
        }
    }

    private void grow() {
        int n = Math.max(256, dates.length * 2);
        dates = Arrays.copyOf(dates, n);
        openSec = Arrays.copyOf(openSec, n);
        closeSec = Arrays.copyOf(closeSec, n);
    }
}
