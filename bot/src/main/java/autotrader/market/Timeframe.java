package autotrader.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The six bar sizes the pipeline uses. Bars are aligned to the regular session's open (09:30 New York). */
public enum Timeframe {
    M1("1m", 1),
    M5("5m", 5),
    M30("30m", 30),
    H1("1h", 60),
    H6("6h", 360),
    /** One bar per regular session, however long it is (6.5 h, or 3.5 h on an early close). */
    D1("1d", 0);

    private final String label;
    private final int minutes;

    Timeframe(String label, int minutes) {
        this.label = label;
        this.minutes = minutes;
    }

    public String label() {
        return label;
    }

    /** Length in minutes of an intraday bar; 0 for the daily bar, which spans a whole session. */
    public int minutes() {
        return minutes;
    }

    public boolean isIntraday() {
        return this != D1;
    }

    /** Nominal length, for annualising and for ordering (a daily bar counts as 6.5 h). */
    public Duration nominal() {
        return this == D1 ? Duration.ofMinutes(390) : Duration.ofMinutes(minutes);
    }

    /** Bars of this timeframe in one full regular session (6.5 h), rounding partial bars up. */
    public int barsPerSession() {
        return this == D1 ? 1 : (390 + minutes - 1) / minutes;
    }

    public static Timeframe parse(String text) {
        for (Timeframe tf : values()) {
            if (tf.label.equalsIgnoreCase(text.trim())) return tf;
        }
        throw new IllegalArgumentException("unknown timeframe '" + text + "', expected one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
