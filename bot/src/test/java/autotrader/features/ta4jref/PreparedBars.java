package autotrader.features.ta4jref;

import autotrader.market.Bar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ta4j.core.BaseBar;
import org.ta4j.core.num.DoubleNum;

/**
 * A run of bars converted once for every feature window over it: the ta4j bars, the primitive
 * columns and the per-bar session facts. Consecutive rows' windows share 99 of their 100 bars, so
 * each bar's ta4j bar and time-zone arithmetic are done once instead of once per window (measured:
 * about 5 % of a row's cost; the indicators themselves are the rest). A window made from these is the
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
    final List<org.ta4j.core.Bar> ta4jBars;

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
        List<org.ta4j.core.Bar> converted = new ArrayList<>(n);
        LocalDate previousDay = null;
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
            LocalDate day = bar.start().atZone(NEW_YORK).toLocalDate();
            sessionFirstBar[i] = day.equals(previousDay) ? sessionFirstBar[i - 1] : i;
            sessionOpen[i] = day.equals(previousDay) ? sessionOpen[i - 1] : day.atTime(9, 30).atZone(NEW_YORK).toInstant();
            previousDay = day;
            converted.add(new BaseBar(Duration.between(bar.start(), bar.end()), ZonedDateTime.ofInstant(bar.end(), ZoneOffset.UTC),
                    DoubleNum.valueOf(bar.open()), DoubleNum.valueOf(bar.high()), DoubleNum.valueOf(bar.low()),
                    DoubleNum.valueOf(bar.close()), DoubleNum.valueOf(bar.volume()), DoubleNum.ZERO));
        }
        ta4jBars = Collections.unmodifiableList(converted);
    }
}
