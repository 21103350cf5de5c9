package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a series from being read across a hole in its history. The csv folder's daily file ends on
 * 2018-02-07 and the intraday files begin on 2025-04..05: read as one series, AAPL's one-day return on
 * the first intraday day was 0.279 and its 20-day volatility jumped from 0.018 to 0.066, and about a
 * hundred rows after it mixed two eras. A run of bars with more than {@value #MAX_MISSING_SESSIONS}
 * sessions missing between two of them is cut there: only the bars after the last such gap are
 * returned (features then warm up on them, with NaN until they have enough). Each gap is logged once
 * and listed by {@link #found()}.
 */
final class HistoryGaps {

    private static final Logger LOG = LoggerFactory.getLogger(CsvMarket.class);
    /** A week of missing sessions; a holiday or a halt of a day or two is not a gap. */
    static final int MAX_MISSING_SESSIONS = 5;
    /** Two bars less than this apart cannot have more than 5 sessions between them: no calendar walk needed. */
    private static final long MIN_GAP_SECONDS = 7L * 86_400;

    /** One hole in a symbol's bars on one timeframe: the last bar before it, the first after, the sessions missing. */
    record Gap(String symbol, Timeframe timeframe, LocalDate lastBefore, LocalDate firstAfter, int missingSessions) {
        @Override
        public String toString() {
            return symbol + " " + timeframe.label() + ": no bars for " + missingSessions + " sessions between " + lastBefore + " and "
                    + firstAfter + "; bars before the gap are not read across it";
        }
    }

    private final MarketCalendar calendar;
    private final Set<Gap> found = ConcurrentHashMap.newKeySet();
    /** Sessions missing between two dates, counted once per pair: every cycle asks again about the same hole. */
    private final Map<Long, Integer> missingByDates = new ConcurrentHashMap<>();

    HistoryGaps(MarketCalendar calendar) {
        this.calendar = calendar;
    }

    /** {@code bars} (oldest first) from just after their last gap; the same list when there is none. */
    List<Bar> afterLastGap(String symbol, Timeframe tf, List<Bar> bars) {
        for (int i = bars.size() - 1; i > 0; i--) {
            Bar before = bars.get(i - 1), after = bars.get(i);
            if (after.start().getEpochSecond() - before.end().getEpochSecond() < MIN_GAP_SECONDS) continue;
            LocalDate last = calendar.dateAt(before.start()), first = calendar.dateAt(after.start());
            int missing = missingSessions(last, first);
            if (missing <= MAX_MISSING_SESSIONS) continue;
            Gap gap = new Gap(symbol, tf, last, first, missing);
            if (found.add(gap)) LOG.warn("{}", gap);
            return bars.subList(i, bars.size());
        }
        return bars;
    }

    private int missingSessions(LocalDate last, LocalDate first) {
        return missingByDates.computeIfAbsent(last.toEpochDay() << 32 | (first.toEpochDay() & 0xffffffffL), k -> countMissing(last, first));
    }

    private int countMissing(LocalDate last, LocalDate first) {
        int n = 0;
        for (LocalDate d = calendar.nextTradingDay(last); d.isBefore(first) && n <= 100_000; d = calendar.nextTradingDay(d)) n++;
        return n;
    }

    /** Every gap met so far, in no particular order. */
    List<Gap> found() {
        return Collections.unmodifiableList(new ArrayList<>(found));
    }
}
