package autotrader.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NYSE regular-session calendar: 09:30-16:00 America/New_York on weekdays, closed on exchange
 * holidays, closing at 13:00 on the usual early-close days. The rules are the exchange's published
 * ones (holidays falling on a Saturday are observed on Friday, on a Sunday on Monday; New Year's
 * Day on a Saturday is not moved back into the old year). Special one-off closures (national days
 * of mourning, storms) are not predictable and are not modelled.
 */
public final class MarketCalendar {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final DateTimeFormatter WALL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(NEW_YORK);

    /** A market time as the trader reads it, on New York's clock ("2025-10-01 09:35 EDT"); "-" for none. */
    public static String wallTime(Instant t) {
        return t == null ? "-" : WALL.format(t);
    }

    public static final LocalTime CLOSE = LocalTime.of(16, 0);
    public static final LocalTime EARLY_CLOSE = LocalTime.of(13, 0);

    private static final MarketCalendar NYSE = new MarketCalendar();

    public static MarketCalendar nyse() {
        return NYSE;
    }

    /** Worked out once: a day's holidays, open and close do not change (a few thousand days at most). */
    private final Map<Integer, Set<LocalDate>> holidays = new ConcurrentHashMap<>();
    private final Map<LocalDate, Instant> opens = new ConcurrentHashMap<>(), closes = new ConcurrentHashMap<>();

    private MarketCalendar() {
    }

    public boolean isTradingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isHoliday(day);
    }

    public boolean isHoliday(LocalDate d) {
        return holidays.computeIfAbsent(d.getYear(), MarketCalendar::holidaysOf).contains(d);
    }

    /** The year's exchange holidays, worked out once per year (scans and replays ask millions of times). */
    private static Set<LocalDate> holidaysOf(int y) {
        Set<LocalDate> h = new HashSet<>();
        h.add(newYearObserved(y));
        h.add(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3));       // Martin Luther King Jr. Day
        h.add(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3));      // Washington's Birthday
        h.add(easterSunday(y).minusDays(2));                     // Good Friday
        h.add(LocalDate.of(y, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
        if (y >= 2022) h.add(observed(LocalDate.of(y, Month.JUNE, 19))); // Juneteenth
        h.add(observed(LocalDate.of(y, Month.JULY, 4)));
        h.add(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1));     // Labor Day
        h.add(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4));    // Thanksgiving
        h.add(observed(LocalDate.of(y, Month.DECEMBER, 25)));
        return Set.copyOf(h);
    }

    /** 13:00 closes: July 3 (when a weekday before a weekday July 4), the day after Thanksgiving, Christmas Eve. */
    public boolean isEarlyClose(LocalDate d) {
        if (!isTradingDay(d)) return false;
        int y = d.getYear();
        LocalDate july4 = LocalDate.of(y, Month.JULY, 4);
        if (d.equals(july4.minusDays(1)) && july4.getDayOfWeek() != DayOfWeek.SATURDAY) return true;
        if (d.equals(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4).plusDays(1))) return true;
        return d.getMonth() == Month.DECEMBER && d.getDayOfMonth() == 24;
    }

    public LocalTime closeTime(LocalDate day) {
        return isEarlyClose(day) ? EARLY_CLOSE : CLOSE;
    }

    public Instant openInstant(LocalDate day) {
        return opens.computeIfAbsent(day, d -> ZonedDateTime.of(d, OPEN, NEW_YORK).toInstant());
    }

    public Instant closeInstant(LocalDate day) {
        return closes.computeIfAbsent(day, d -> ZonedDateTime.of(d, closeTime(d), NEW_YORK).toInstant());
    }

    /** Minutes in the regular session of a trading day: 390, or 210 on an early close. */
    public int sessionMinutes(LocalDate day) {
        return isEarlyClose(day) ? 210 : 390;
    }

    public LocalDate dateAt(Instant t) {
        return t.atZone(NEW_YORK).toLocalDate();
    }

    /** True while the regular session is open: open <= t < close on a trading day. */
    public boolean isOpen(Instant t) {
        LocalDate day = dateAt(t);
        return isTradingDay(day) && !t.isBefore(openInstant(day)) && t.isBefore(closeInstant(day));
    }

    /** The session open at t, if any. */
    public Optional<LocalDate> sessionAt(Instant t) {
        return isOpen(t) ? Optional.of(dateAt(t)) : Optional.empty();
    }

    public LocalDate nextTradingDay(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isTradingDay(d)) d = d.plusDays(1);
        return d;
    }

    public LocalDate previousTradingDay(LocalDate day) {
        LocalDate d = day.minusDays(1);
        while (!isTradingDay(d)) d = d.minusDays(1);
        return d;
    }

    /** The next session open strictly after t. */
    public Instant nextOpen(Instant t) {
        LocalDate d = dateAt(t);
        if (isTradingDay(d) && t.isBefore(openInstant(d))) return openInstant(d);
        return openInstant(nextTradingDay(d));
    }

    /** The last trading day whose session has closed at or before t. */
    public LocalDate lastClosedSession(Instant t) {
        LocalDate d = dateAt(t);
        if (isTradingDay(d) && !t.isBefore(closeInstant(d))) return d;
        return previousTradingDay(d);
    }

    private static LocalDate nth(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    /** NYSE does not close on Dec 31 when Jan 1 is a Saturday. */
    private static LocalDate newYearObserved(int year) {
        LocalDate d = LocalDate.of(year, Month.JANUARY, 1);
        return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(y, month, day);
    }
}
