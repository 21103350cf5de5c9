package autotrader.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The market's time, which in the daemon is either the wall clock or a simulated clock running
 * {@code speed} times faster. Jobs are planned in market time and fired by Quartz at the matching
 * wall-clock time, so the same schedule drives live trading and a sim day watched in minutes.
 */
public abstract class MarketClock extends Clock {

    /** The wall-clock instant at which this clock will read {@code marketTime}. */
    public abstract Instant wallTimeOf(Instant marketTime);

    /** Moves a simulated clock forward to {@code marketTime} (a closed market need not be waited for). No-op for real time. */
    public abstract void skipTo(Instant marketTime);

    public abstract boolean isSimulated();

    /** Stops a simulated clock while a job runs (nested holds count); the wall clock cannot be held. */
    public void hold() {
    }

    /** Whether a job holds the clock now (only a simulated clock can be held). */
    public boolean isHeld() {
        return false;
    }

    /** Ends a hold; true when the clock runs again, so the wall times of planned runs have moved. */
    public boolean release() {
        return false;
    }

    /** Starts a simulated clock running (until then it reads its start time); no-op for real time. */
    public void start() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("market clocks are always UTC instants");
    }

    /** The real wall clock. */
    public static MarketClock system() {
        return new MarketClock() {
            @Override
            public Instant instant() {
                return Instant.now();
            }

            @Override
            public Instant wallTimeOf(Instant marketTime) {
                return marketTime;
            }

            @Override
            public void skipTo(Instant marketTime) {
            }

            @Override
            public boolean isSimulated() {
                return false;
            }
        };
    }
}
