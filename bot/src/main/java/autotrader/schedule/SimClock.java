package autotrader.schedule;

import java.time.Duration;
import java.time.Instant;

/** A simulated market clock: starts at a chosen instant and runs {@code speed} times faster than the wall clock. */
public final class SimClock extends MarketClock {

    private final double speed;
    private Instant marketAnchor;
    private long wallAnchorNanos;
    private Instant wallAnchor;
    private boolean running;

    public SimClock(Instant start, double speed) {
        if (!(speed > 0)) throw new IllegalArgumentException("speed must be > 0");
        this.speed = speed;
        this.marketAnchor = start;
        this.wallAnchorNanos = System.nanoTime();
        this.wallAnchor = Instant.now();
    }

    public double speed() {
        return speed;
    }

    /** Anchors the clock to the wall clock now; before this it stands still at its start, so slow start-up costs no market time. */
    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        wallAnchorNanos = System.nanoTime();
        wallAnchor = Instant.now();
    }

    @Override
    public synchronized Instant instant() {
        if (!running) return marketAnchor;
        long elapsed = System.nanoTime() - wallAnchorNanos;
        return marketAnchor.plusNanos((long) (elapsed * speed));
    }

    @Override
    public synchronized Instant wallTimeOf(Instant marketTime) {
        long marketNanos = Duration.between(marketAnchor, marketTime).toNanos();
        return wallAnchor.plusNanos(Math.max(0, (long) (marketNanos / speed)));
    }

    @Override
    public synchronized void skipTo(Instant marketTime) {
        Instant now = instant();
        if (!marketTime.isAfter(now)) return;
        marketAnchor = marketTime;
        if (running) {
            wallAnchorNanos = System.nanoTime();
            wallAnchor = Instant.now();
        }
    }

    @Override
    public boolean isSimulated() {
        return true;
    }
}
