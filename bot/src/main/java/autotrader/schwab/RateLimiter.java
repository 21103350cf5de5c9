package autotrader.schwab;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One token bucket in front of every Schwab call (orders and market data share Schwab's 120/min
 * budget). Capacity is the per-minute limit, refilled continuously; {@link #acquire()} waits for a token.
 */
public final class RateLimiter {

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public RateLimiter(int requestsPerMinute, LongSupplier nanoTime, Sleeper sleeper) {
        if (requestsPerMinute < 1) throw new IllegalArgumentException("requests per minute must be at least 1");
        this.capacity = requestsPerMinute;
        this.perNano = requestsPerMinute / 60e9;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    public RateLimiter(int requestsPerMinute) {
        this(requestsPerMinute, System::nanoTime, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    /** Takes one token, sleeping until one is there. */
    public void acquire() {
        while (true) {
            Duration wait;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchwabException("interrupted while waiting for the Schwab rate limit");
            }
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
