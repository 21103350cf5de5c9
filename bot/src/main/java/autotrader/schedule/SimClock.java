package autotrader.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * A simulated market clock: starts at a chosen instant and runs {@code speed} times faster than the
 * wall clock. While a job holds it ({@link #hold}), it stands still: a cycle that takes 2 s of wall
 * time at 600x would otherwise let 20 market minutes pass and skip the cycles in between, so what a
 * simulated day does would depend on how busy the machine is.
 */
public final class SimClock extends MarketClock {

    private final double speed;
    private Instant marketAnchor;
    private long wallAnchorNanos;
    private Instant wallAnchor;
    private boolean running;
    private int holds;
    private Instant heldAt;

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
        if (heldAt != null) return heldAt;
        if (!running) return marketAnchor;
        long elapsed = System.nanoTime() - wallAnchorNanos;
        return marketAnchor.plusNanos((long) (elapsed * speed));
    }

    @Override
    public synchronized Instant wallTimeOf(Instant marketTime) {
        // While held, a later market time has no wall time yet: the scheduler plans it again on release.
        if (heldAt != null && marketTime.isAfter(heldAt)) return Instant.now().plus(Duration.ofDays(1));
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
    public synchronized void hold() {
        if (holds++ == 0 && running) heldAt = instant();
    }

    @Override
    public synchronized boolean isHeld() {
        return heldAt != null;
    }

    @Override
    public synchronized boolean release() {
        if (holds == 0) throw new IllegalStateException("release without hold");
        if (--holds > 0 || heldAt == null) return false;
        marketAnchor = heldAt;
        wallAnchorNanos = System.nanoTime();
        wallAnchor = Instant.now();
        heldAt = null;
        return true;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }
}
