package autotrader.market.schwab;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Streamed 1-minute bars into the same {@link BarCache} series the REST downloads fill, and the 5m and
 * 30m bars they complete, built with the session-aligned {@link BarAggregator} (1h and 6h are built
 * from 30m on read, as for REST bars). A series' covered window is moved on only while the stream is
 * gap-free from it: after a missed minute (a reconnect) it stays where the gap began, so the next read
 * downloads the gap from price history before anything uses it.
 */
final class StreamedBars {

    /** The sizes rebuilt from 1-minute bars; the others are read from these or (daily) from REST. */
    private static final List<Timeframe> BUILT = List.of(Timeframe.M5, Timeframe.M30);

    private final BarCache cache;
    private final MarketCalendar calendar;
    private final BarAggregator aggregator;

    StreamedBars(BarCache cache, MarketCalendar calendar, BarAggregator aggregator) {
        this.cache = cache;
        this.calendar = calendar;
        this.aggregator = aggregator;
    }

    /** @return false when the bar was already stored as it is (a duplicate) or lies outside the regular session */
    boolean put(String symbol, Bar minute) {
        if (!calendar.isOpen(minute.start())) return false;
        BarCache.Series s1 = cache.get(symbol, Timeframe.M1);
        Instant m1CoveredTo;
        Instant m1CoveredFrom;
        synchronized (s1) {
            if (minute.equals(s1.at(minute.start()))) return false;
            s1.merge(List.of(minute));
            extend(s1, minute.start(), minute.end());
            cache.save(s1);
            m1CoveredTo = s1.coveredTo;
            m1CoveredFrom = s1.coveredFrom;
        }
        for (Timeframe tf : BUILT) {
            BarAggregator.Bucket bucket = aggregator.bucketOf(minute.start(), tf);
            // Only a bucket whose every minute is covered: a partial one would differ from Schwab's candle.
            if (m1CoveredTo == null || bucket.end().isAfter(m1CoveredTo) || bucket.start().isBefore(m1CoveredFrom)) continue;
            List<Bar> minutes;
            synchronized (s1) {
                minutes = s1.completedBy(bucket.end(), Integer.MAX_VALUE, bucket.start());
            }
            if (minutes.isEmpty()) continue;
            List<Bar> built = aggregator.aggregate(minutes, tf, bucket.end());
            if (built.size() != 1) continue;
            BarCache.Series s = cache.get(symbol, tf);
            synchronized (s) {
                if (built.get(0).equals(s.at(bucket.start()))) continue;
                s.merge(built);
                extend(s, bucket.start(), bucket.end());
                cache.save(s);
            }
        }
        return true;
    }

    /** Moves the covered window to {@code end} when the bar joins it without a gap (no session minute missing in between). */
    private void extend(BarCache.Series s, Instant start, Instant end) {
        if (!s.covered()) return;   // no history downloaded yet: the first read downloads it and sets the window
        if (start.isAfter(firstSessionInstantFrom(s.coveredTo))) return;   // a gap: left for the REST tail download
        if (end.isAfter(s.coveredTo)) s.coveredTo = end;
    }

    /** t itself inside a session, else the next session's open (nothing is missed over a night or a holiday). */
    private Instant firstSessionInstantFrom(Instant t) {
        LocalDate day = calendar.dateAt(t);
        if (calendar.isTradingDay(day)) {
            if (t.isBefore(calendar.openInstant(day))) return calendar.openInstant(day);
            if (t.isBefore(calendar.closeInstant(day))) return t;
        }
        return calendar.openInstant(calendar.nextTradingDay(day));
    }
}
