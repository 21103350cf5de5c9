package autotrader.scan;

import autotrader.market.MarketCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import java.util.Locale;
/**
 * How often a strategy decides. Intraday cadences decide at the session's open and then every
 * {@code step} while the market is open, as the daemon's default cron does (09:30, 09:35 .. 15:55 for
 * 5m); the daily cadence decides once, at the close.
 */
public record Cadence(String label, Duration step) {

    public static final Cadence DAILY = new Cadence("1d", null);
    private static final List<String> LABELS = List.of("5m", "15m", "30m", "1h", "1d");

    public static Cadence parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "5m" -> new Cadence(t, Duration.ofMinutes(5));
            case "15m" -> new Cadence(t, Duration.ofMinutes(15));
            case "30m" -> new Cadence(t, Duration.ofMinutes(30));
            case "1h" -> new Cadence(t, Duration.ofHours(1));
            case "1d" -> DAILY;
            default -> throw new IllegalArgumentException("unknown cadence '" + text + "', expected one of " + String.join(", ", LABELS));
        };
    }

    /**
     * The daemon's Quartz cron (New York time) for this cadence, matching {@link #times}: 5m fires
     * 09:30, 09:35 .. 15:55 (the 09:00-09:25 firings fall outside market hours and are skipped); 1d
     * fires at 15:55, the last cycle before the close, since the daemon skips times the market is shut
     * (the backtest decides on the completed daily bar at 16:00; live sees the session 5 minutes short).
     */
    public String cron() {
        if (daily()) return "0 55 15 ? * MON-FRI";
        long m = step.toMinutes();
        return m == 60 ? "0 30 9-15 ? * MON-FRI" : "0 0/" + m + " 9-15 ? * MON-FRI";
    }

    public boolean daily() {
        return step == null;
    }

    /** The decision times of one session, in order; an early close simply has fewer. */
    public List<Instant> times(MarketCalendar calendar, LocalDate session) {
        Instant close = calendar.closeInstant(session);
        if (daily()) return List.of(close);
        List<Instant> out = new ArrayList<>();
        for (Instant t = calendar.openInstant(session); t.isBefore(close); t = t.plus(step)) out.add(t);
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
