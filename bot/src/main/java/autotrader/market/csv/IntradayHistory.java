package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One symbol's intraday bars from its 1-minute and/or 5-minute files, and every coarser timeframe
 * aggregated from them. Per session, 1-minute data is used where it exists and the 5-minute file
 * fills the other sessions, so a symbol with 1m for six months and 5m for ten gets 5m-and-up
 * bars for all ten. A bucket that runs past the end of the data is not returned: the data stops
 * before the bucket was complete, just as a live feed would at that instant.
 */
final class IntradayHistory {

    private final SeriesAggregator aggregator;
    private final BarSeries oneMinute;
    private final BarSeries fiveMinute;
    private final Instant dataEnd;
    private final Map<Timeframe, BarSeries> coarser = new EnumMap<>(Timeframe.class);

    IntradayHistory(SeriesAggregator aggregator, BarSeries oneMinute, BarSeries fiveMinuteFile) {
        this.aggregator = aggregator;
        this.oneMinute = oneMinute;
        if (oneMinute.isEmpty()) {
            this.fiveMinute = fiveMinuteFile;
        } else {
            BarSeries fromMinutes = aggregator.aggregate(oneMinute, Timeframe.M5, oneMinute.lastEndSec());
            this.fiveMinute = BarSeries.merge(List.of(fromMinutes, sessionsMissingFrom(fiveMinuteFile, oneMinute)));
        }
        long end = Math.max(oneMinute.lastEndSec(), fiveMinute.lastEndSec());
        this.dataEnd = end == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochSecond(end);
    }

    boolean isEmpty() {
        return oneMinute.isEmpty() && fiveMinute.isEmpty();
    }

    Instant dataEnd() {
        return dataEnd;
    }

    synchronized BarSeries series(Timeframe tf) {
        if (tf == Timeframe.M1) return oneMinute;
        if (tf == Timeframe.M5) return fiveMinute;
        return coarser.computeIfAbsent(tf, t -> aggregator.aggregate(fiveMinute, t, dataEnd.getEpochSecond()));
    }

    /**
     * The bars of the session that opened at {@code sessionOpenSec}, complete at asOf, from the
     * finest data that has that session.
     */
    List<Bar> sessionBars(long sessionOpenSec, Instant asOf) {
        for (BarSeries s : List.of(oneMinute, fiveMinute)) {
            int last = s.lastEndedBy(asOf.getEpochSecond());
            List<Bar> out = new ArrayList<>();
            for (int i = last; i >= 0 && s.startSec(i) >= sessionOpenSec; i--) out.add(0, s.bar(i));
            if (!out.isEmpty()) return out;
        }
        return List.of();
    }

    /** The file's 5-minute bars on sessions (dates, by their open) the 1-minute data does not have. */
    private static BarSeries sessionsMissingFrom(BarSeries fiveMinute, BarSeries oneMinute) {
        long[] covered = new long[oneMinute.size()];
        int days = 0;
        for (int i = 0; i < oneMinute.size(); i++) {
            long day = sessionDay(oneMinute.startSec(i));
            if (days == 0 || covered[days - 1] != day) covered[days++] = day;
        }
        covered = Arrays.copyOf(covered, days);
        Arrays.sort(covered);   // already in order when the minutes are; a search needs it either way
        BarSeries out = new BarSeries();
        for (int i = 0; i < fiveMinute.size(); i++) {
            if (Arrays.binarySearch(covered, sessionDay(fiveMinute.startSec(i))) < 0) out.addFrom(fiveMinute, i);
        }
        return out;
    }

    /** The date of a regular-session time, as an epoch day (New York is at most 5 hours behind UTC). */
    private static long sessionDay(long sec) {
        return Math.floorDiv(sec - 5 * 3600, 86_400);
    }
}
