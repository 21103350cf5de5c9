package autotrader.app;

import autotrader.market.MarketCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses an --as-of value: an ISO instant ({@code 2024-06-12T15:00:00Z}), a New York local time
 * ({@code 2024-06-12T11:00} or {@code 2024-06-12 11:00}), or a date (that session's close).
 */
public final class AsOf {

    private AsOf() {
    }

    public static Instant parse(String text, MarketCalendar calendar) {
        String t = text.trim().replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) return Instant.parse(t.endsWith("Z") ? t : OffsetDateTime.parse(t).toInstant().toString());
            if (t.contains("T")) return LocalDateTime.parse(t).atZone(MarketCalendar.NEW_YORK).toInstant();
            LocalDate day = LocalDate.parse(t);
            return calendar.isTradingDay(day) ? calendar.closeInstant(day) : calendar.closeInstant(calendar.previousTradingDay(day));
        } catch (DateTimeParseException e) {
            throw new BadInputException("--as-of '" + text + "' is not a time: use 2024-06-12T11:00 (New York), 2024-06-12T15:00:00Z or 2024-06-12");
        }
    }
}
