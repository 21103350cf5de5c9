package autotrader.market.csv;

import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link BarAggregator#aggregate} on columns: the same buckets (aligned to the session open, never
 * across a session, cut short by an early close, the last one dropped unless complete by a given
 * time) and the same sums, from one {@link BarSeries} into another without a {@code Bar} or an
 * {@code Instant} per bar. A year of a symbol's 1-minute or 5-minute bars went through three Bar
 * lists (1m to 5m, then 5m to 30m, 1h, 6h and 1d), which made it about a third of reading a
 * recorded symbol on a cold start. {@code SeriesAggregatorTest} holds it to BarAggregator's output.
 */
final class SeriesAggregator {

    private final MarketCalendar calendar;
    private final SessionClock clock;

    SeriesAggregator(MarketCalendar calendar, SessionClock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * The bars of {@code finer} (sorted, regular session) summed into {@code target}'s buckets; the
     * last bucket only when it has ended by {@code completeBySec}.
     */
    BarSeries aggregate(BarSeries finer, Timeframe target, long completeBySec) {
        BarSeries out = new BarSeries();
        int n = finer.size();
        if (n == 0) return out;
        long bucketLength = target.minutes() * 60L;
        long sessionOpen = 0, sessionClose = Long.MIN_VALUE; // no session yet: contains nothing
        long start = 0, end = Long.MIN_VALUE;                // no bucket yet
        double open = 0, high = 0, low = 0, close = 0, volume = 0;
        for (int i = 0; i < n; i++) {
            long t = finer.startSec(i);
            if (t < end && t >= start) {
                high = Math.max(high, finer.high(i));
                low = Math.min(low, finer.low(i));
                close = finer.close(i);
                volume += finer.volume(i);
                continue;
            }
            if (end != Long.MIN_VALUE) out.add(start, end, open, high, low, close, volume);
            if (t < sessionOpen || t >= sessionClose) {
                long[] session = sessionOf(t);
                sessionOpen = session[0];
                sessionClose = session[1];
            }
            if (target == Timeframe.D1) {
                start = sessionOpen;
                end = sessionClose;
            } else {
                // (t - open) / 60 truncates, then floorDiv: BarAggregator's arithmetic, so any bar lands where it put it
                long index = Math.floorDiv((t - sessionOpen) / 60, target.minutes());
                start = sessionOpen + index * bucketLength;
                end = Math.min(start + bucketLength, sessionClose);
            }
            open = finer.open(i);
            high = finer.high(i);
            low = finer.low(i);
            close = finer.close(i);
            volume = finer.volume(i);
        }
        if (end <= completeBySec) out.add(start, end, open, high, low, close, volume);
        return out;
    }

    /**
     * Open and close of the session of New York date of {@code t}. A regular-session time falls on
     * the same date in UTC and in New York, so the epoch day is that date whenever its session holds
     * {@code t}; any other time asks the calendar, as BarAggregator does.
     */
    private long[] sessionOf(long t) {
        SessionClock.Session s = clock.of(Math.floorDiv(t, 86_400));
        if (t >= s.openSec() && t < s.closeSec()) return new long[]{s.openSec(), s.closeSec()};
        LocalDate day = calendar.dateAt(Instant.ofEpochSecond(t));
        return new long[]{calendar.openInstant(day).getEpochSecond(), calendar.closeInstant(day).getEpochSecond()};
    }
}
