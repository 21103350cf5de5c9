package autotrader.features;

import autotrader.market.Bar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A run of bars converted once for every feature window over it: the primitive columns and the
 * per-bar session facts. Consecutive rows' windows share 99 of their 100 bars, so each bar's checks
 * and time-zone arithmetic are done once instead of once per window. A window made from these is the
 * same as one made from its bars alone (see {@link SeriesWindow}).
 */
final class PreparedBars {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final double[] open, high, low, close, volume;
    /** ln(close[i]/close[i-1]); NaN at index 0. */
    final double[] logReturn;
    final Instant[] start, end;
    /** Index of the first bar of bar i's New York trading day within these bars. */
    final int[] sessionFirstBar;
    /** Regular-session open (09:30 New York) of bar i's trading day. */
    final Instant[] sessionOpen;

    /** @throws IllegalArgumentException naming the bar (its index in {@code bars}) that is invalid or out of order */
    PreparedBars(List<Bar> bars) {
        int n = bars.size();
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        logReturn = new double[n];
        start = new Instant[n];
        end = new Instant[n];
        sessionFirstBar = new int[n];
        sessionOpen = new Instant[n];
        LocalDate previousDay = null;
        Instant nextMidnight = Instant.MIN; // New York midnight after previousDay: bars before it are on that day
        for (int i = 0; i < n; i++) {
            Bar bar = bars.get(i);
            String problem = bar.problem();
            if (problem != null) throw new IllegalArgumentException("bar " + i + " is invalid: " + problem);
            if (i > 0 && !bar.end().isAfter(end[i - 1]))
                throw new IllegalArgumentException("bar " + i + " ends at " + bar.end() + ", not after the previous bar");
            open[i] = bar.open();
            high[i] = bar.high();
            low[i] = bar.low();
            close[i] = bar.close();
            volume[i] = bar.volume();
            start[i] = bar.start();
            end[i] = bar.end();
            logReturn[i] = i == 0 ? Double.NaN : Math.log(close[i] / close[i - 1]);
            // Time-zone arithmetic once per day, not per bar (it was a quarter of a latest() call).
            if (previousDay != null && bar.start().isBefore(nextMidnight)) {
                sessionFirstBar[i] = sessionFirstBar[i - 1];
                sessionOpen[i] = sessionOpen[i - 1];
            } else {
                LocalDate day = bar.start().atZone(NEW_YORK).toLocalDate();
                sessionFirstBar[i] = day.equals(previousDay) ? sessionFirstBar[i - 1] : i;
                sessionOpen[i] = day.equals(previousDay) ? sessionOpen[i - 1] : day.atTime(9, 30).atZone(NEW_YORK).toInstant();
                previousDay = day;
                nextMidnight = day.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
            }
        }
    }
}
