package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The column aggregator and merge give exactly what BarAggregator and a stable sort of Bar objects give. */
class SeriesAggregatorTest {

    private static final MarketCalendar NYSE = MarketCalendar.nyse();
    private static final Path SHARED = Path.of(System.getProperty("autotrader.shared", "../shared")).resolve("data").toAbsolutePath();
    private static final List<Timeframe> COARSER = List.of(Timeframe.M5, Timeframe.M30, Timeframe.H1, Timeframe.H6, Timeframe.D1);

    private final SeriesAggregator columns = new SeriesAggregator(NYSE, new SessionClock(NYSE));
    private final BarAggregator bars = new BarAggregator(NYSE);

    @Test
    void sameBucketsAsBarAggregatorOnMinutesWithGapsEarlyClosesAndHolidays() {
        // 2024-11-27..12-03 holds Thanksgiving (closed) and its early close (13:00); 2024-07-03 closes early too.
        for (LocalDate from : List.of(LocalDate.of(2024, 11, 25), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 3, 8))) {
            for (int minutes : new int[]{1, 5}) {
                BarSeries finer = randomSession(from, 8, minutes, new Random(from.toEpochDay() * 31 + minutes));
                for (Timeframe tf : COARSER) {
                    if (tf.minutes() <= minutes) continue;
                    long lastEnd = finer.lastEndSec();
                    // the last bucket: complete, just not yet, and no limit at all
                    for (long completeBy : new long[]{lastEnd, lastEnd - 60, Long.MAX_VALUE, finer.endSec(finer.size() / 2)}) {
                        Instant by = completeBy == Long.MAX_VALUE ? null : Instant.ofEpochSecond(completeBy);
                        String what = from + " " + minutes + "m -> " + tf + " complete by " + by;
                        assertSameBars(bars.aggregate(finer.toBars(), tf, by), columns.aggregate(finer, tf, completeBy).toBars(), what);
                    }
                }
            }
        }
    }

    @Test
    void sameAsBarAggregatorOnTheRecordedFiles() {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        BarFileReader reader = new BarFileReader(new SessionClock(NYSE), new ProblemLog());
        int compared = 0;
        for (String name : List.of("intraday/us_1min/AAPL_1min.csv.gz", "intraday/us_5min/AAPL_5min.csv.gz", "intraday/us_5min/SPY_5min.csv.gz")) {
            Path file = SHARED.resolve(name);
            if (!Files.isRegularFile(file)) continue;
            BarSeries finer = reader.readIntraday(file, name.contains("1min") ? 1 : 5);
            assertTrue(finer.size() > 10_000, name);
            for (Timeframe tf : COARSER) {
                if (tf.minutes() <= (name.contains("1min") ? 1 : 5)) continue;
                List<Bar> expected = bars.aggregate(finer.toBars(), tf, Instant.ofEpochSecond(finer.lastEndSec()));
                assertSameBars(expected, columns.aggregate(finer, tf, finer.lastEndSec()).toBars(), name + " -> " + tf);
                compared++;
            }
        }
        assumeTrue(compared > 0, "no AAPL/SPY intraday file in ../shared/data");
    }

    @Test
    void mergeKeepsTheEarlierSourceOnATieAsTheSortedMergeDoes() {
        Random r = new Random(5);
        for (int round = 0; round < 50; round++) {
            List<BarSeries> sources = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                BarSeries s = new BarSeries();
                long t = 1_700_000_000L + r.nextInt(5) * 300L;
                for (int i = 0; i < r.nextInt(40); i++) {
                    double p = 100 + k + r.nextDouble();
                    s.add(t, t + 300, p, p + 1, p - 1, p, 1000 + k);   // the volume says which source it came from
                    t += 300L * (1 + r.nextInt(3));
                }
                sources.add(s);
            }
            assertSameBars(BarSeries.mergeBySorting(sources).toBars(), BarSeries.merge(sources).toBars(), "round " + round);
        }
        BarSeries unsorted = new BarSeries();
        unsorted.add(600, 900, 1, 1, 1, 1, 1);
        unsorted.add(0, 300, 2, 2, 2, 2, 2);
        BarSeries other = new BarSeries();
        other.add(300, 600, 3, 3, 3, 3, 3);
        assertEquals(BarSeries.mergeBySorting(List.of(unsorted, other)).toBars(), BarSeries.merge(List.of(unsorted, other)).toBars());
    }

    /** Equal lists, or a message with the first bar that differs (not two lists of thousands of bars). */
    private static void assertSameBars(List<Bar> expected, List<Bar> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": bar " + i);
        }
        assertEquals(expected.size(), actual.size(), what + ": number of bars");
    }

    /**
     * {@code days} calendar days of regular-session bars of {@code minutes} from {@code from}, with a
     * random hole now and then (a missing bar, a missing half hour), skipping closed days.
     */
    private static BarSeries randomSession(LocalDate from, int days, int minutes, Random r) {
        BarSeries s = new BarSeries();
        double price = 50;
        for (LocalDate d = from; d.isBefore(from.plusDays(days)); d = d.plusDays(1)) {
            if (!NYSE.isTradingDay(d)) continue;
            long open = NYSE.openInstant(d).getEpochSecond(), close = NYSE.closeInstant(d).getEpochSecond();
            for (long t = open; t < close; t += minutes * 60L) {
                if (r.nextInt(40) == 0) continue;
                if (r.nextInt(400) == 0) {
                    t += 1800;
                    continue;
                }
                double o = price, c = Math.max(1, price + r.nextGaussian() * 0.1);
                s.add(t, Math.min(t + minutes * 60L, close), o, Math.max(o, c) + r.nextDouble() * 0.05, Math.min(o, c) - r.nextDouble() * 0.05,
                        c, 100 + r.nextInt(10_000));
                price = c;
            }
        }
        return s;
    }
}
