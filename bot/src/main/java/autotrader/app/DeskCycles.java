package autotrader.app;

import autotrader.rules.Evaluation;
import autotrader.web.CycleTrigger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The daemon's cycles, whoever starts them: the scheduler (which waits its turn) or the desk's
 * "run one now" (which is refused while one runs). One at a time, so two cycles never propose the
 * same signal twice; the latest rules evaluation is kept for the desk's "why no intent".
 */
public final class DeskCycles implements CycleTrigger {

    private final Function<Instant, Evaluation> loop;
    private final Clock marketClock;
    private final ReentrantLock running = new ReentrantLock();
    private volatile CycleRun latest;

    /** {@code loop}: one trading cycle at a market time, the trading loop's {@code cycle}. */
    public DeskCycles(Function<Instant, Evaluation> loop, Clock marketClock) {
        this.loop = loop;
        this.marketClock = marketClock;
    }

    /** A scheduled cycle at market time {@code asOf}; waits for a cycle the desk started. */
    public Evaluation cycle(Instant asOf) {
        running.lock();
        try {
            return run(asOf);
        } finally {
            running.unlock();
        }
    }

    @Override
    public Optional<CycleRun> runNow() {
        if (!running.tryLock()) return Optional.empty();
        try {
            Instant asOf = marketClock.instant();
            Evaluation ev = run(asOf);
            return Optional.of(new CycleRun(asOf, ev));
        } finally {
            running.unlock();
        }
    }

    @Override
    public CycleRun latest() {
        return latest;
    }

    private Evaluation run(Instant asOf) {
        Evaluation ev = loop.apply(asOf);
        latest = new CycleRun(asOf, ev);
        return ev;
    }
}
