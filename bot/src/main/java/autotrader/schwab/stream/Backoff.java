package autotrader.schwab.stream;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: doubling from {@code initial} up to {@code max}, each drawn at random between half
 * and all of that ("equal jitter"), so that many clients dropped together do not come back together.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempt;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next try; each call doubles the ceiling. */
    synchronized Duration next() {
        long ceiling = initial.toMillis() << Math.min(attempt, 20);
        if (ceiling > max.toMillis() || ceiling <= 0) ceiling = max.toMillis();
        attempt++;
        double r = Math.min(1, Math.max(0, random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, (long) (ceiling / 2.0 + r * ceiling / 2.0)));
    }

    /** After a successful login: the next drop starts from {@code initial} again. */
    synchronized void reset() {
        attempt = 0;
    }

    synchronized int attempts() {
        return attempt;
    }
}
