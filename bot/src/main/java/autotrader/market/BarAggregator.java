package autotrader.market;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds coarser bars from finer regular-session bars (1m or 5m) with boundaries aligned to the
 * session open: 30m bars start at 09:30, 10:00, ...; 1h bars at 09:30, 10:30, ..., the last one
 * 15:30-16:00; 6h bars are 09:30-15:30 and 15:30-16:00; the daily bar is the whole session. A bar
 * never crosses a session boundary, and an early close cuts the last bar short.
 */
public final class BarAggregator {

    private final MarketCalendar calendar;

    public BarAggregator(MarketCalendar calendar) {
        this.calendar = calendar;
    }

    /** Which bucket of the target timeframe a finer bar starting at {@code t} belongs to. */
    public Bucket bucketOf(Instant t, Timeframe target) {
        return sessionOf(t).bucketOf(t, target);
    }

    /**
     * Aggregates finer bars (sorted by time, regular session only) into the target timeframe.
     * With {@code completeBy} set, the last bucket is kept only when it has ended by then, so a
     * bar that is still forming is never returned as if complete.
     */
    public List<Bar> aggregate(List<Bar> finer, Timeframe target, Instant completeBy) {
        List<Bar> out = new ArrayList<>(finer.size() / Math.max(1, target.barsPerSession()) + 2);
        Accumulator acc = null;
        Session session = null;
        for (Bar b : finer) {
            if (acc != null && b.start().isBefore(acc.bucket.end) && !b.start().isBefore(acc.bucket.start)) {
                acc.add(b);
                continue;
            }
            if (acc != null) out.add(acc.toBar());
            // The calendar lookups (time zone, holiday rules) cost far more than the bucket arithmetic,
            // so they are done once per session rather than once per bucket.
            if (session == null || !session.contains(b.start())) session = sessionOf(b.start());
            acc = new Accumulator(session.bucketOf(b.start(), target), b);
        }
        if (acc != null && (completeBy == null || !acc.bucket.end.isAfter(completeBy))) out.add(acc.toBar());
        return out;
    }

    private Session sessionOf(Instant t) {
        LocalDate day = calendar.dateAt(t);
        return new Session(day, calendar.openInstant(day), calendar.closeInstant(day));
    }

    /** One session's bounds; {@link #bucketOf(Instant, Timeframe)} without the calendar lookups. */
    private record Session(LocalDate day, Instant open, Instant close) {
        boolean contains(Instant t) {
            return !t.isBefore(open) && t.isBefore(close);
        }

        Bucket bucketOf(Instant t, Timeframe target) {
            if (target == Timeframe.D1) return new Bucket(day, open, close);
            long minutes = (t.getEpochSecond() - open.getEpochSecond()) / 60;
            long index = Math.floorDiv(minutes, target.minutes());
            Instant start = open.plusSeconds(index * target.minutes() * 60L);
            Instant end = start.plusSeconds(target.minutes() * 60L);
            if (end.isAfter(close)) end = close;
            return new Bucket(day, start, end);
        }
    }

    /** Sums bars (sorted, same session) into one bar spanning from the first start to {@code end}. */
    public static Bar merge(List<Bar> bars, Instant start, Instant end) {
        Accumulator acc = new Accumulator(new Bucket(null, start, end), bars.get(0));
        for (int i = 1; i < bars.size(); i++) acc.add(bars.get(i));
        return acc.toBar();
    }

    public record Bucket(LocalDate session, Instant start, Instant end) {
    }

    private static final class Accumulator {
        final Bucket bucket;
        final double open;
        double high, low, close, volume;

        Accumulator(Bucket bucket, Bar first) {
            this.bucket = bucket;
            this.open = first.open();
            this.high = first.high();
            this.low = first.low();
            this.close = first.close();
            this.volume = first.volume();
        }

        void add(Bar b) {
            high = Math.max(high, b.high());
            low = Math.min(low, b.low());
            close = b.close();
            volume += b.volume();
        }

        Bar toBar() {
            return new Bar(bucket.start, bucket.end, open, high, low, close, volume);
        }
    }
}
