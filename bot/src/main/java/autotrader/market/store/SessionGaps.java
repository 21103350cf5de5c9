package autotrader.market.store;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * NYSE sessions without a single bar between a series' first and last bar: what `data list`
 * counts and `data verify` names. A session is counted whatever the timeframe (an intraday series
 * missing a whole day has a gap; one missing a few minutes does not: minute bars with no trade are
 * normal for thin stocks).
 */
public final class SessionGaps {

    /** Consecutive missing sessions from {@code first} to {@code last}. */
    public record Run(LocalDate first, LocalDate last, int sessions) {
        @Override
        public String toString() {
            return first.equals(last) ? first.toString() : first + ".." + last + " (" + sessions + " sessions)";
        }
    }

    private final MarketCalendar calendar;

    public SessionGaps(MarketCalendar calendar) {
        this.calendar = calendar;
    }

    /** The runs of missing sessions, oldest first; none for an empty series. */
    public List<Run> of(List<Bar> bars) {
        List<Run> out = new ArrayList<>();
        if (bars.isEmpty()) return out;
        Set<LocalDate> days = new TreeSet<>();
        for (Bar b : bars) days.add(calendar.dateAt(b.start()));
        LocalDate first = calendar.dateAt(bars.get(0).start()), last = calendar.dateAt(bars.get(bars.size() - 1).start());
        LocalDate runStart = null, runEnd = null;
        int n = 0;
        for (LocalDate d = first; !d.isAfter(last); d = calendar.nextTradingDay(d)) {
            if (!calendar.isTradingDay(d)) continue;
            if (days.contains(d)) {
                if (runStart != null) out.add(new Run(runStart, runEnd, n));
                runStart = null;
                n = 0;
            } else {
                if (runStart == null) runStart = d;
                runEnd = d;
                n++;
            }
        }
        if (runStart != null) out.add(new Run(runStart, runEnd, n));
        return out;
    }

    /** Missing sessions in all. */
    public static int sessions(List<Run> runs) {
        return runs.stream().mapToInt(Run::sessions).sum();
    }
}
