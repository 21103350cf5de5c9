package autotrader.market;

import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Aggregation checked on simulated 1-minute bars, across holidays and early closes. */
class BarAggregatorTest {

    private final MarketCalendar nyse = MarketCalendar.nyse();
    private final BarAggregator aggregator = new BarAggregator(nyse);
    private final SimMarket sim = new SimMarket(new SimSettings(11, 5, LocalDate.of(2024, 6, 3)));

    @Test
    void a30MinuteBarIsItsThirtyMinuteBars() {
        List<Bar> minutes = oneMinuteBars("SIM0001", LocalDate.of(2024, 7, 2));
        List<Bar> halfHours = aggregator.aggregate(minutes, Timeframe.M30, null);
        assertEquals(13, halfHours.size());
        for (int b = 0; b < halfHours.size(); b++) {
            List<Bar> parts = minutes.subList(30 * b, 30 * b + 30);
            Bar bar = halfHours.get(b);
            assertEquals(parts.get(0).start(), bar.start());
            assertEquals(parts.get(29).end(), bar.end());
            assertEquals(parts.get(0).open(), bar.open());
            assertEquals(parts.stream().mapToDouble(Bar::high).max().orElseThrow(), bar.high());
            assertEquals(parts.stream().mapToDouble(Bar::low).min().orElseThrow(), bar.low());
            assertEquals(parts.get(29).close(), bar.close());
            assertEquals(parts.stream().mapToDouble(Bar::volume).sum(), bar.volume(), 1e-6);
        }
    }

    @Test
    void noBarCrossesASessionBoundary() {
        // Thanksgiving 2024 (closed 11-28, 13:00 close 11-29), and July 3 (early) / July 4 (closed) 2024.
        for (LocalDate[] range : new LocalDate[][]{{d("2024-11-25"), d("2024-12-03")}, {d("2024-07-01"), d("2024-07-09")}}) {
            Instant asOf = nyse.closeInstant(range[1]);
            for (Timeframe tf : Timeframe.values()) {
                List<Bar> bars = sim.bars("SIM0002", tf, asOf, 10_000);
                assertFalse(bars.isEmpty(), tf.label());
                for (Bar b : bars) {
                    LocalDate session = nyse.dateAt(b.start());
                    assertTrue(nyse.isTradingDay(session), tf + " bar on a closed day: " + b);
                    assertFalse(b.start().isBefore(nyse.openInstant(session)), tf + " bar starts before the open: " + b);
                    assertFalse(b.end().isAfter(nyse.closeInstant(session)), tf + " bar ends after the close: " + b);
                }
            }
        }
    }

    @Test
    void lastHourAndSixHourBarsEndAtTheClose() {
        for (LocalDate day : List.of(d("2024-11-27"), d("2024-11-29"), d("2024-12-24"), d("2024-07-03"))) {
            Instant close = nyse.closeInstant(day);
            List<Bar> minutes = oneMinuteBars("SIM0003", day);
            for (Timeframe tf : List.of(Timeframe.H1, Timeframe.H6, Timeframe.M30)) {
                List<Bar> bars = aggregator.aggregate(minutes, tf, close);
                assertEquals(close, bars.get(bars.size() - 1).end(), tf + " on " + day);
            }
            boolean early = nyse.isEarlyClose(day);
            assertEquals(early ? 4 : 7, aggregator.aggregate(minutes, Timeframe.H1, close).size(), "1h bars on " + day);
            assertEquals(early ? 1 : 2, aggregator.aggregate(minutes, Timeframe.H6, close).size(), "6h bars on " + day);
            assertEquals(at(day, early ? "12:30" : "15:30"), aggregator.aggregate(minutes, Timeframe.H1, close).get(early ? 3 : 6).start());
        }
    }

    @Test
    void formingBarsAreNotReturned() {
        LocalDate day = d("2024-07-02");
        List<Bar> minutes = oneMinuteBars("SIM0001", day);
        Instant asOf = at(day, "10:45");
        List<Bar> known = minutes.stream().filter(b -> !b.end().isAfter(asOf)).toList();
        List<Bar> hours = aggregator.aggregate(known, Timeframe.H1, asOf);
        assertEquals(1, hours.size(), "only 09:30-10:30 is complete at 10:45");
        assertEquals(at(day, "10:30"), hours.get(0).end());
        assertEquals(2, aggregator.aggregate(known, Timeframe.M30, asOf).size(), "09:30 and 10:00; 10:30-11:00 is forming");
        assertEquals(0, aggregator.aggregate(known, Timeframe.D1, asOf).size());
        // Without completeBy the forming bucket is summed up as far as it goes, for "so far" views.
        assertEquals(2, aggregator.aggregate(known, Timeframe.H1, null).size());
        // Through the adapter: the bar 10:30-11:30 is still forming at 10:45.
        List<Bar> viaSim = sim.bars("SIM0001", Timeframe.H1, asOf, 3);
        assertEquals(at(day, "10:30"), viaSim.get(viaSim.size() - 1).end());
    }

    private List<Bar> oneMinuteBars(String symbol, LocalDate day) {
        List<Bar> bars = sim.bars(symbol, Timeframe.M1, nyse.closeInstant(day), nyse.sessionMinutes(day));
        assertEquals(nyse.openInstant(day), bars.get(0).start());
        return bars;
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), MarketCalendar.NEW_YORK).toInstant();
    }
}
