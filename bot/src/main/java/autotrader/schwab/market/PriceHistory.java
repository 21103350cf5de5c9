package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /marketdata/v1/pricehistory (SCHWAB.md 3.2): the request for a window of one of the bar sizes
 * Schwab serves (1, 5, 30 minutes; daily), and the candles turned into {@link Bar}s of the regular
 * session. Schwab has no hourly or 6-hour bars; those are built from 30-minute bars by the caller.
 */
final class PriceHistory {

    private static final Logger LOG = LoggerFactory.getLogger(PriceHistory.class);
    /** Daily candles are stamped at 00:00 America/Chicago of their day. */
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    /** Allowed frequencyType -> frequencies, and periodType -> frequencyTypes, as SCHWAB.md 3.2 lists them. */
    private static final Map<String, Set<Integer>> FREQUENCIES = Map.of("minute", Set.of(1, 5, 10, 15, 30), "daily", Set.of(1),
            "weekly", Set.of(1), "monthly", Set.of(1));
    private static final Map<String, Set<String>> FREQUENCY_TYPES = Map.of("day", Set.of("minute"), "month", Set.of("daily", "weekly"),
            "year", Set.of("daily", "weekly", "monthly"), "ytd", Set.of("daily", "weekly", "monthly"));

    private PriceHistory() {
    }

    /** The Schwab bar size a timeframe is downloaded as: 1h and 6h come from 30-minute bars. */
    static Timeframe sourceOf(Timeframe tf) {
        return switch (tf) {
            case H1, H6 -> Timeframe.M30;
            default -> tf;
        };
    }

    static boolean valid(String periodType, String frequencyType, int frequency) {
        return FREQUENCY_TYPES.getOrDefault(periodType, Set.of()).contains(frequencyType)
                && FREQUENCIES.getOrDefault(frequencyType, Set.of()).contains(frequency);
    }

    /**
     * The path and query for a window [from, to] of one of the downloaded sizes (M1, M5, M30, D1).
     * Daily windows start at 00:00 Chicago of {@code from}'s New York date, where Schwab stamps the candle.
     */
    static String path(String symbol, Timeframe tf, Instant from, Instant to, MarketCalendar calendar) {
        String periodType, frequencyType;
        int frequency;
        long start = from.toEpochMilli();
        switch (tf) {
            case M1, M5, M30 -> {
                periodType = "day";
                frequencyType = "minute";
                frequency = tf.minutes();
            }
            case D1 -> {
                periodType = "year";
                frequencyType = "daily";
                frequency = 1;
                start = calendar.dateAt(from).atStartOfDay(CHICAGO).toInstant().toEpochMilli();
            }
            default -> throw new IllegalArgumentException("Schwab has no " + tf + " bars; build them from 30m");
        }
        if (!valid(periodType, frequencyType, frequency)) {
            throw new IllegalArgumentException("not a Schwab price history combination: " + periodType + "/" + frequencyType + "/" + frequency);
        }
        return "/marketdata/v1/pricehistory?symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&periodType=" + periodType
                + "&frequencyType=" + frequencyType + "&frequency=" + frequency + "&startDate=" + start + "&endDate=" + to.toEpochMilli()
                + "&needExtendedHoursData=false";
    }

    /** What a price history answer held: the good regular-session bars and how many candles were dropped. */
    record Parsed(List<Bar> bars, int outsideSession, int invalid) {
    }

    /**
     * The candles of an answer as regular-session bars, in time order. A candle outside the regular
     * session (extended hours, a holiday) is dropped quietly; one with missing, non-numeric or
     * inconsistent values, or off the session's bar grid, is dropped and logged with symbol and time.
     *
     * @throws IllegalArgumentException when the answer has no candles array (a malformed answer)
     */
    static Parsed parse(String symbol, Timeframe tf, JsonNode answer, MarketCalendar calendar) {
        JsonNode candles = answer == null ? null : answer.get("candles");
        if (candles == null || !candles.isArray()) {
            if (answer != null && answer.path("empty").asBoolean(false)) return new Parsed(List.of(), 0, 0);
            throw new IllegalArgumentException("no candles array in the answer");
        }
        List<Bar> out = new ArrayList<>(candles.size());
        int outside = 0, invalid = 0;
        for (JsonNode c : candles) {
            long ms = longOf(c.get("datetime"));
            if (ms == Long.MIN_VALUE) {
                LOG.warn("schwab {} {}: candle without a usable datetime skipped: {}", symbol, tf, abbreviate(c));
                invalid++;
                continue;
            }
            Instant t = Instant.ofEpochMilli(ms);
            Instant start, end;
            if (tf == Timeframe.D1) {
                LocalDate day = t.atZone(CHICAGO).toLocalDate();
                if (!calendar.isTradingDay(day)) {
                    LOG.warn("schwab {} {}: daily candle for {}, not a trading day, skipped", symbol, tf, day);
                    invalid++;
                    continue;
                }
                start = calendar.openInstant(day);
                end = calendar.closeInstant(day);
            } else {
                if (!calendar.isOpen(t)) {
                    outside++;
                    continue;
                }
                LocalDate day = calendar.dateAt(t);
                Instant open = calendar.openInstant(day), close = calendar.closeInstant(day);
                long offset = t.getEpochSecond() - open.getEpochSecond();
                if (t.getNano() != 0 || offset % (tf.minutes() * 60L) != 0) {
                    LOG.warn("schwab {} {}: candle at {} is off the session's {} grid, skipped", symbol, tf, t, tf);
                    invalid++;
                    continue;
                }
                start = t;
                end = t.plusSeconds(tf.minutes() * 60L);
                if (end.isAfter(close)) end = close;
            }
            Bar b = new Bar(start, end, num(c.get("open")), num(c.get("high")), num(c.get("low")), num(c.get("close")), num(c.get("volume")));
            String problem = b.problem();
            if (problem != null) {
                LOG.warn("schwab {} {}: candle at {} skipped: {}", symbol, tf, start, problem);
                invalid++;
                continue;
            }
            if (!out.isEmpty() && !b.start().isAfter(out.get(out.size() - 1).start())) {
                LOG.warn("schwab {} {}: candle at {} out of order or repeated, skipped", symbol, tf, start);
                invalid++;
                continue;
            }
            out.add(b);
        }
        return new Parsed(out, outside, invalid);
    }

    /** A number, also when written as a string; NaN when missing or not a number. */
    static double num(JsonNode n) {
        if (n == null || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A whole number, also when written as a string; Long.MIN_VALUE when missing or not one. */
    static long longOf(JsonNode n) {
        if (n == null || n.isNull()) return Long.MIN_VALUE;
        if (n.isIntegralNumber()) return n.longValue();
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
