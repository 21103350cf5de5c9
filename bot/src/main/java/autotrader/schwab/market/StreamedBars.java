package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Duration SAVE_EVERY = Duration.ofMinutes(5);
    private final Map<String, Instant> lastSaved = new ConcurrentHashMap<>();

    StreamedBars(BarCache cache, MarketCalendar calendar, BarAggregator aggregator) {
        this.cache = cache;
        this.calendar = calendar;
        this.aggregator = aggregator;
    }

    /** @return false when the bar was already stored as it is (a duplicate) or lies outside the regular session */
    boolean put(String symbol, Bar minute) {
        if (!calendar.isOpen(minute.start())) return false;
        // Off the minute grid (or not a minute long) it would sit between the session's bars: not a CHART_EQUITY bar.
        if (minute.start().getNano() != 0 || minute.start().getEpochSecond() % 60 != 0 || !minute.end().equals(minute.start().plusSeconds(60))) return false;
        BarCache.Series s1 = cache.get(symbol, Timeframe.M1);
        Instant m1CoveredTo;
        Instant m1CoveredFrom;
        synchronized (s1) {
            if (minute.equals(s1.at(minute.start()))) return false;
            s1.merge(List.of(minute));
            extend(s1);
            saveNowAndThen(s1, minute.end());
            m1CoveredTo = s1.coveredTo;
            m1CoveredFrom = s1.coveredFrom;
        }
        if (m1CoveredTo == null) return true;   // no history yet: the first read downloads it, the next bars build on it
        for (Timeframe tf : BUILT) {
            BarCache.Series s = cache.get(symbol, tf);
            synchronized (s) {
                // From where the series' window ends (or this minute's bucket, for a bar that changed) to where the minutes are covered.
                Instant t = s.covered() ? firstSessionInstantFrom(s.coveredTo) : minute.start();
                if (t.isAfter(minute.start())) t = minute.start();
                boolean changed = false;
                for (int guard = 0; guard < 400 && calendar.isOpen(t); guard++) {
                    BarAggregator.Bucket bucket = aggregator.bucketOf(t, tf);
                    // Only a bucket whose every minute is covered: a partial one would differ from Schwab's candle.
                    if (bucket.end().isAfter(m1CoveredTo)) break;
                    if (!bucket.start().isBefore(m1CoveredFrom)) {
                        List<Bar> minutes;
                        synchronized (s1) {
                            minutes = s1.completedBy(bucket.end(), Integer.MAX_VALUE, bucket.start());
                        }
                        List<Bar> built = minutes.isEmpty() ? List.of() : aggregator.aggregate(minutes, tf, bucket.end());
                        if (built.size() == 1 && !built.get(0).equals(s.at(bucket.start()))) {
                            s.merge(built);
                            changed = true;
                        }
                    }
                    t = firstSessionInstantFrom(bucket.end());
                }
                if (changed) {
                    extend(s);
                    saveNowAndThen(s, minute.end());
                }
            }
        }
        return true;
    }

    /**
     * Moves the covered window on through the bars that join it without a gap (no session minute
     * missing in between), including bars that arrived before the window reached them.
     */
    private void extend(BarCache.Series s) {
        if (!s.covered()) return;   // no history downloaded yet: the first read downloads it and sets the window
        List<Bar> bars = s.bars();
        int i = bars.size();
        while (i > 0 && bars.get(i - 1).end().isAfter(s.coveredTo)) i--;
        for (; i < bars.size(); i++) {
            Bar b = bars.get(i);
            if (b.start().isAfter(firstSessionInstantFrom(s.coveredTo))) return;   // a gap: left for the REST tail download
            if (b.end().isAfter(s.coveredTo)) s.coveredTo = b.end();
        }
    }

    /**
     * The file is rewritten at most every {@link #SAVE_EVERY} of bar time per series: it is only a cache, and
     * its covered window is written with its bars, so a crash loses a few minutes that are downloaded again.
     */
    private void saveNowAndThen(BarCache.Series s, Instant barTime) {
        if (!s.covered()) return;   // a file needs its window; the first download writes it
        String key = s.symbol + "_" + s.timeframe.label();
        Instant last = lastSaved.get(key);
        if (last != null && barTime.isBefore(last.plus(SAVE_EVERY))) return;
        lastSaved.put(key, barTime);
        cache.save(s);
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
