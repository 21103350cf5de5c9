package autotrader.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Broker balances and last prices the page polls for, kept a few seconds: an open page (or several)
 * must not eat the broker's request budget, which Schwab shares between market data and orders
 * (schwab.requests_per_minute). A value is reused while it is under {@link #FRESH} old in wall time
 * and the market clock is still in the same minute (a simulated clock runs faster than the wall).
 * A read that fails is not kept.
 */
final class RecentReads {

    static final Duration FRESH = Duration.ofSeconds(10);

    private record Entry(Object value, long readAtNanos, Instant marketMinute) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(String key, Instant marketNow, Supplier<T> read) {
        Instant minute = marketNow.truncatedTo(ChronoUnit.MINUTES);
        Entry e = entries.get(key);
        long now = System.nanoTime();
        if (e != null && e.marketMinute().equals(minute) && now - e.readAtNanos() < FRESH.toNanos()) return (T) e.value();
        T value = read.get();
        entries.put(key, new Entry(value, now, minute));
        return value;
    }
}
