package autotrader.web;

import autotrader.rules.Evaluation;

import java.time.Instant;
import java.util.Optional;

/**
 * The daemon's trading cycle as the desk sees it: run one now (POST /api/cycle) and the rules'
 * verdicts of the latest one (why a BUY got no intent). The daemon implements it over its loop.
 */
public interface CycleTrigger {

    /** One cycle: the market time it ran for and the rules' evaluation (null when there was nothing to decide). */
    record CycleRun(Instant asOf, Evaluation evaluation) {
    }

    /** Runs one cycle at the market clock's time now; empty, without waiting, when a cycle is already running. */
    Optional<CycleRun> runNow();

    /** The latest cycle this process ran, or null before the first. */
    CycleRun latest();
}
