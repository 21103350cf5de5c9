package autotrader.market.csv;

import autotrader.market.MarketCalendar;

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

    /** The date of a "YYYY-MM-DD..." field, as an epoch day. */
    static long epochDay(String s) {
        if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
        }
        return LocalDate.parse(s).toEpochDay();
    }

    /** New York local date-time of a field as seconds since 1970-01-01T00:00 local (not an instant). */
    static long localSeconds(String s) {
        int n = s.length();
        if ((n == 19 || n == 16) && s.charAt(4) == '-' && (s.charAt(10) == ' ' || s.charAt(10) == 'T') && s.charAt(13) == ':') {
            long day = LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10)).toEpochDay();
            int sec = n == 19 ? digits(s, 17, 19) : 0;
            int hour = digits(s, 11, 13), minute = digits(s, 14, 16);
            if (hour > 23 || minute > 59 || sec > 59) throw new NumberFormatException("bad time " + s);
            return day * 86_400 + hour * 3600L + minute * 60L + sec;
        }
        String iso = s.replace(' ', 'T');
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(iso);
        } catch (RuntimeException naiveFailed) {
            t = OffsetDateTime.parse(iso).atZoneSameInstant(MarketCalendar.NEW_YORK).toLocalDateTime();
        }
        return t.toLocalDate().toEpochDay() * 86_400 + t.toLocalTime().toSecondOfDay();
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new NumberFormatException("not a digit in '" + s + "'");
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
