package autotrader.schwab;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * One limiter in front of every Schwab call (orders and market data share Schwab's 120/min budget).
 * It counts calls in a sliding 60 s window, the way Schwab counts them: never more than the limit in
 * any 60 s (a token bucket as large as the limit lets twice the limit through in a minute after a quiet
 * one, which Schwab answers with 429). Market data may use all but a reserve of the window
 * ({@link #acquireMarketData()}), so that an order, account or token call finds room at once.
 */
public final class RateLimiter {

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private static final long WINDOW_NANOS = 60_000_000_000L;

    private final int capacity;
    private final int reserve;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** When each call of the last 60 s was let through, oldest first. */
    private final ArrayDeque<Long> stamps = new ArrayDeque<>();

    public RateLimiter(int requestsPerMinute, LongSupplier nanoTime, Sleeper sleeper) {
        if (requestsPerMinute < 1) throw new IllegalArgumentException("requests per minute must be at least 1");
        this.capacity = requestsPerMinute;
        this.reserve = requestsPerMinute >= 12 ? requestsPerMinute / 12 : 0;   // 10 of 120
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public RateLimiter(int requestsPerMinute) {
        this(requestsPerMinute, System::nanoTime, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    /** An order, account or token call: may use the whole window. */
    public void acquire() {
        acquire(capacity);
    }

    /** A market-data call: leaves the reserve free for order calls. */
    public void acquireMarketData() {
        acquire(capacity - reserve);
    }

    /** Calls in the last 60 s. */
    public synchronized int inWindow() {
        expire(nanoTime.getAsLong());
        return stamps.size();
    }

    private void acquire(int limit) {
        while (true) {
            Duration wait;
            synchronized (this) {
                long now = nanoTime.getAsLong();
                expire(now);
                if (stamps.size() < limit) {
                    stamps.addLast(now);
                    return;
                }
                // Room comes when enough of the oldest calls have left the window.
                long oldestToGo = stamps.stream().skip(stamps.size() - limit).findFirst().orElse(now);
                wait = Duration.ofNanos(Math.max(1, oldestToGo + WINDOW_NANOS - now + 1));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchwabException("interrupted while waiting for the Schwab rate limit");
            }
        }
    }

    private void expire(long now) {
        while (!stamps.isEmpty() && now - stamps.peekFirst() >= WINDOW_NANOS) stamps.pollFirst();
    }
}
