package autotrader.market.csv;

import autotrader.market.MarketCalendar;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/**
 * Parses the date and date-time fields of our files. The common shapes ("2025-09-15",
 * "2025-09-15 09:30:00") take a fast path, because java.time parsing of a million rows is a large
 * part of a load; anything else goes through java.time. Naive times are New York exchange time;
 * a time with an offset is converted to it.
 */
final class LocalTimes {

    private LocalTimes() {
    }

    /** What the common-shape parsers return for a field of another shape (java.time then decides). */
    static final long NOT_COMMON = Long.MIN_VALUE;

    /** The date of a "YYYY-MM-DD..." field, as an epoch day. */
    static long epochDay(String s) {
        long day = commonEpochDay(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
        return day != NOT_COMMON ? day : LocalDate.parse(s).toEpochDay();
    }

    /** New York local date-time of a field as seconds since 1970-01-01T00:00 local (not an instant). */
    static long localSeconds(String s) {
        long local = commonLocalSeconds(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
        if (local != NOT_COMMON) return local;
        String iso = s.replace(' ', 'T');
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(iso);
        } catch (RuntimeException naiveFailed) {
            t = OffsetDateTime.parse(iso).atZoneSameInstant(MarketCalendar.NEW_YORK).toLocalDateTime();
        }
        return t.toLocalDate().toEpochDay() * 86_400 + t.toLocalTime().toSecondOfDay();
    }

    /**
     * {@link #epochDay} of the text in b[from, to) when it starts "YYYY-MM-DD" (then a bad digit or
     * date throws), else {@link #NOT_COMMON}. Text outside Latin-1 arrives as '?', which is no digit.
     */
    static long commonEpochDay(byte[] b, int from, int to) {
        if (to - from < 10 || b[from + 4] != '-' || b[from + 7] != '-') return NOT_COMMON;
        return LocalDate.of(digits(b, from, 0, 4, to), digits(b, from, 5, 7, to), digits(b, from, 8, 10, to)).toEpochDay();
    }

    /** {@link #localSeconds} of b[from, to) when it is "YYYY-MM-DD HH:MM[:SS]" (or with 'T'), else {@link #NOT_COMMON}. */
    static long commonLocalSeconds(byte[] b, int from, int to) {
        int n = to - from;
        if (!((n == 19 || n == 16) && b[from + 4] == '-' && (b[from + 10] == ' ' || b[from + 10] == 'T') && b[from + 13] == ':')) return NOT_COMMON;
        long day = LocalDate.of(digits(b, from, 0, 4, to), digits(b, from, 5, 7, to), digits(b, from, 8, 10, to)).toEpochDay();
        int sec = n == 19 ? digits(b, from, 17, 19, to) : 0;
        int hour = digits(b, from, 11, 13, to), minute = digits(b, from, 14, 16, to);
        if (hour > 23 || minute > 59 || sec > 59) throw new NumberFormatException("bad time " + text(b, from, to));
        return day * 86_400 + hour * 3600L + minute * 60L + sec;
    }

    private static int digits(byte[] b, int base, int from, int to, int end) {
        int v = 0;
        for (int i = base + from; i < base + to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') throw new NumberFormatException("not a digit in '" + text(b, base, end) + "'");
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
