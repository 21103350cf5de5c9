package autotrader.app;

import autotrader.config.Mode;
import autotrader.store.JobRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Market time for the commands: the daemon's clock (simulated or wall), or for a one-shot command
 * now, capped at the data's end, or where the sim daemon's clock stands. The trading objects stamp
 * their rows with it (the clock of TradingSystem's ports).
 */
final class MarketNow {

    private MarketNow() {
    }

    /** A {@link Clock} reading market time from the supplier. */
    static Clock marketClock(Supplier<Instant> marketNow) {
        return new Clock() {
            @Override
            public Instant instant() {
                return marketNow.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }

    /** Market time for one-shot commands: now, or the end of the data when the source stops before now. */
    static Supplier<Instant> cli(AppContext ctx) {
        return () -> {
            Instant now = Instant.now();
            if (ctx.config().mode == Mode.LIVE) return now;
            if (ctx.market().simulated()) {
                // The simulated market's time is the sim daemon's, not today's: an `approve` from the shell
                // compared today's simulated price with a signal from the daemon's simulated day.
                var beat = ctx.store().jobs().heartbeat();
                if (beat.isPresent()) return simulatedNow(beat.get(), now);
            }
            Instant last = ctx.market().lastAvailable();
            return last.isBefore(now) ? last : now;
        };
    }

    private static final Pattern SIM_SPEED = Pattern.compile("simulated x([0-9.]+)");

    /**
     * Where the sim daemon's clock is now: its last heartbeat's market time, moved on by the wall time
     * since at the daemon's speed while it is alive (beats every 5 s); where it stopped when it is not.
     */
    static Instant simulatedNow(JobRepository.Heartbeat beat, Instant wallNow) {
        Matcher m = SIM_SPEED.matcher(beat.clock() == null ? "" : beat.clock());
        boolean alive = beat.stoppedAt() == null && Duration.between(beat.beatAt(), wallNow).compareTo(Duration.ofSeconds(15)) < 0;
        if (!alive || !m.find()) return beat.marketTime();
        long wallMillis = Math.max(0, Duration.between(beat.beatAt(), wallNow).toMillis());
        return beat.marketTime().plusMillis(Math.round(wallMillis * Double.parseDouble(m.group(1))));
    }
}
