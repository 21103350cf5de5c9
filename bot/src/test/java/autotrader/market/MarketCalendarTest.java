package autotrader.market;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checked against the NYSE's published 2024-2026 holiday and early-close schedules. */
class MarketCalendarTest {

    private final MarketCalendar nyse = MarketCalendar.nyse();

    @Test
    void publishedHolidaysAreClosed() {
        List<LocalDate> holidays = List.of(
                d("2024-01-01"), d("2024-01-15"), d("2024-02-19"), d("2024-03-29"), d("2024-05-27"), d("2024-06-19"),
                d("2024-07-04"), d("2024-09-02"), d("2024-11-28"), d("2024-12-25"),
                d("2025-01-01"), d("2025-01-20"), d("2025-02-17"), d("2025-04-18"), d("2025-05-26"), d("2025-06-19"),
                d("2025-07-04"), d("2025-09-01"), d("2025-11-27"), d("2025-12-25"),
                d("2026-01-01"), d("2026-01-19"), d("2026-02-16"), d("2026-04-03"), d("2026-05-25"), d("2026-06-19"),
                d("2026-07-03"), d("2026-09-07"), d("2026-11-26"), d("2026-12-25"));
        for (LocalDate h : holidays) {
            assertTrue(nyse.isHoliday(h), h + " should be a holiday");
            assertFalse(nyse.isTradingDay(h), h + " should not be a trading day");
        }
    }

    @Test
    void publishedEarlyClosesCloseAt13() {
        for (LocalDate e : List.of(d("2024-07-03"), d("2024-11-29"), d("2024-12-24"), d("2025-07-03"),
                d("2025-11-28"), d("2025-12-24"), d("2026-11-27"), d("2026-12-24"))) {
            assertTrue(nyse.isEarlyClose(e), e + " should close early");
            assertEquals(LocalTime.of(13, 0), nyse.closeTime(e));
            assertEquals(210, nyse.sessionMinutes(e));
            assertEquals(at(e, "13:00"), nyse.closeInstant(e));
        }
    }

    @Test
    void everyYearHasItsNineOrTenHolidaysOnWeekdaysAndTheSessionCount() {
        // the holidays are worked out once per year and remembered: each year 2013-2030 has 9 (10 from
        // 2022, Juneteenth) weekday holidays, one fewer when New Year's Day is a Saturday (not moved back), and ~252 sessions
        for (int y = 2013; y <= 2030; y++) {
            int holidays = 0, sessions = 0;
            for (LocalDate day = LocalDate.of(y, 1, 1); day.getYear() == y; day = day.plusDays(1)) {
                if (nyse.isHoliday(day) && day.getDayOfWeek().getValue() <= 5) holidays++;
                if (nyse.isTradingDay(day)) sessions++;
            }
            int expected = (y >= 2022 ? 10 : 9) - (LocalDate.of(y, 1, 1).getDayOfWeek() == java.time.DayOfWeek.SATURDAY ? 1 : 0);
            assertEquals(expected, holidays, "holidays in " + y);
            assertTrue(sessions >= 250 && sessions <= 253, y + ": " + sessions + " sessions");
            LocalDate march2 = LocalDate.of(y, 3, 2);
            java.time.Instant open = nyse.openInstant(march2);
            assertEquals(java.time.ZonedDateTime.of(march2, LocalTime.of(9, 30), MarketCalendar.NEW_YORK).toInstant(), open);
            org.junit.jupiter.api.Assertions.assertSame(open, nyse.openInstant(march2), "worked out once, then remembered");
        }
    }

    @Test
    void ordinaryDaysAndWeekendsAndObservedRules() {
        assertTrue(nyse.isTradingDay(d("2025-04-17")));          // the day before Good Friday
        assertFalse(nyse.isEarlyClose(d("2025-04-17")));
        assertFalse(nyse.isTradingDay(d("2025-06-21")));         // Saturday
        assertTrue(nyse.isTradingDay(d("2026-07-02")));          // July 3 2026 is the observed holiday,
        assertFalse(nyse.isEarlyClose(d("2026-07-02")));         // so there is no early close that week
        assertTrue(nyse.isTradingDay(d("2021-12-31")));          // Jan 1 2022 was a Saturday: not moved back
        assertTrue(nyse.isTradingDay(d("2025-12-26")));
        assertEquals(LocalTime.of(16, 0), nyse.closeTime(d("2025-12-26")));
    }

    @Test
    void sessionNavigationAroundThanksgiving2025() {
        assertEquals(d("2025-11-28"), nyse.nextTradingDay(d("2025-11-26")));
        assertEquals(d("2025-11-26"), nyse.previousTradingDay(d("2025-11-28")));
        assertEquals(at(d("2025-11-28"), "09:30"), nyse.nextOpen(at(d("2025-11-26"), "16:00")));
        assertEquals(d("2025-11-26"), nyse.lastClosedSession(at(d("2025-11-28"), "12:59")));
        assertEquals(d("2025-11-28"), nyse.lastClosedSession(at(d("2025-11-28"), "13:00")));
        assertTrue(nyse.isOpen(at(d("2025-11-28"), "12:59")));
        assertFalse(nyse.isOpen(at(d("2025-11-28"), "13:00")));
        assertFalse(nyse.isOpen(at(d("2025-11-27"), "11:00")));
    }

    @Test
    void sessionTimesFollowDaylightSaving() {
        assertEquals(Instant.parse("2025-03-07T14:30:00Z"), nyse.openInstant(d("2025-03-07")));  // EST
        assertEquals(Instant.parse("2025-03-10T13:30:00Z"), nyse.openInstant(d("2025-03-10")));  // EDT
    }

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    private static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), MarketCalendar.NEW_YORK).toInstant();
    }
}
