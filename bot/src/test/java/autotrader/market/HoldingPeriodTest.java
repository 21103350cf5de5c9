package autotrader.market;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HoldingPeriodTest {

    private final MarketCalendar cal = MarketCalendar.nyse();

    private static Instant ny(String local) {
        return LocalDateTime.parse(local).atZone(MarketCalendar.NEW_YORK).toInstant();
    }

    @Test
    void tenFiveMinuteBarsFromAnEntryAtABarsOpen() {
        // Decision at the 10:00 close of a bar, entry at 10:00 (the next bar's open): bars 10:00..10:50, out at 10:50.
        assertEquals(ny("2025-12-01T10:50"), HoldingPeriod.exitBy(cal, Timeframe.M5, 10, ny("2025-12-01T10:00")));
        // A fill inside a bar counts that bar as the first.
        assertEquals(ny("2025-12-01T10:50"), HoldingPeriod.exitBy(cal, Timeframe.M5, 10, ny("2025-12-01T10:03:20")));
    }

    @Test
    void theNightIsNoBar() {
        // Entry 15:40 Friday: bars 15:40, 15:45, 15:50, 15:55, then Monday 09:30 .. 09:55: the 10th ends Monday 10:00.
        assertEquals(ny("2025-12-08T10:00"), HoldingPeriod.exitBy(cal, Timeframe.M5, 10, ny("2025-12-05T15:40")));
    }

    @Test
    void anEntryBeforeTheOpenStartsWithTheFirstBar() {
        assertEquals(ny("2025-12-01T09:35"), HoldingPeriod.exitBy(cal, Timeframe.M5, 1, ny("2025-12-01T08:00")));
        assertEquals(ny("2025-12-02T10:30"), HoldingPeriod.exitBy(cal, Timeframe.H1, 1, ny("2025-12-01T16:30")));
    }

    @Test
    void theLastHourOfASessionIsCutAtTheClose() {
        // 1h bars 09:30, .. 15:30-16:00: an entry at 15:10 is in the 14:30 bar; two bars end at 16:00.
        assertEquals(ny("2025-12-01T16:00"), HoldingPeriod.exitBy(cal, Timeframe.H1, 2, ny("2025-12-01T15:10")));
        // An early close (the day after Thanksgiving 2025 closes at 13:00): its last bar is 12:30-13:00, the next is Monday's first.
        assertEquals(ny("2025-11-28T13:00"), HoldingPeriod.exitBy(cal, Timeframe.M30, 1, ny("2025-11-28T12:40")));
        assertEquals(ny("2025-12-01T10:00"), HoldingPeriod.exitBy(cal, Timeframe.M30, 2, ny("2025-11-28T12:40")));
    }

    @Test
    void dailyBarsAreSessions() {
        // Entry Friday's open, 3 daily bars: Friday, Monday, Tuesday; out at Tuesday's close.
        assertEquals(ny("2025-12-09T16:00"), HoldingPeriod.exitBy(cal, Timeframe.D1, 3, ny("2025-12-05T09:30")));
        // Entered after Friday's close: the first bar is Monday's.
        assertEquals(ny("2025-12-08T16:00"), HoldingPeriod.exitBy(cal, Timeframe.D1, 1, ny("2025-12-05T16:00")));
    }

    @Test
    void atLeastOneBar() {
        assertThrows(IllegalArgumentException.class, () -> HoldingPeriod.exitBy(cal, Timeframe.M5, 0, ny("2025-12-01T10:00")));
    }
}
