package autotrader.market;

import java.time.Instant;
import java.time.LocalDate;

/**
 * When a trade that may last {@code bars} bars of a timeframe must be closed, counted as its label
 * counts them: bars of the regular session only (an overnight or a weekend is no bar), aligned to the
 * open like every bar here, the last one of a session cut at its close.
 *
 * <p>The label of a decision at bar t's close enters at bar t+1's open and leaves at the latest at the
 * close of bar t+H. A trade entered at {@code entryAt} therefore counts the bar that contains its entry
 * (or, outside the session, the next session's first bar) as its first, and leaves at the end of its
 * H-th bar.
 */
public final class HoldingPeriod {

    private HoldingPeriod() {
    }

    public static Instant exitBy(MarketCalendar calendar, Timeframe tf, int bars, Instant entryAt) {
        if (bars < 1) throw new IllegalArgumentException("bars must be at least 1, was " + bars);
        LocalDate day = calendar.dateAt(entryAt);
        Instant at = entryAt;
        if (!calendar.isOpen(entryAt)) {
            at = calendar.nextOpen(entryAt);
            day = calendar.dateAt(at);
        }
        if (tf == Timeframe.D1) {
            for (int k = 1; k < bars; k++) day = calendar.nextTradingDay(day);
            return calendar.closeInstant(day);
        }
        long step = tf.minutes() * 60L;
        Instant open = calendar.openInstant(day);
        long index = (at.getEpochSecond() - open.getEpochSecond()) / step;   // the bar that contains the entry
        Instant end = open.plusSeconds((index + 1) * step);
        int left = bars - 1;
        while (true) {
            Instant close = calendar.closeInstant(day);
            if (end.isAfter(close)) end = close;
            if (left == 0) return end;
            if (end.equals(close)) {
                day = calendar.nextTradingDay(day);
                open = calendar.openInstant(day);
                end = open.plusSeconds(step);
            } else {
                end = end.plusSeconds(step);
            }
            left--;
        }
    }
}
