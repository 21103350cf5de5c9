package autotrader.ensemble;

import java.time.Duration;

/** Receives progress from {@link EnsembleTrainer#train} after every fitted model (call it from any UI or log). */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress SILENT = step -> { };

    void report(Step step);

    /**
     * @param phase   "cv" (out-of-fold fits), "final" (refit on all training rows), "meta", "evaluate"
     * @param fold    1-based fold of the cv phase, 0 otherwise
     * @param folds   number of folds
     * @param model   the model just fitted (or the phase's subject)
     * @param done    steps finished, out of {@code total}
     * @param eta     a rough estimate of the time left: the mean step time so far times the steps left
     */
    record Step(String phase, int fold, int folds, String model, int done, int total, Duration elapsed, Duration eta) {

        public String describe() {
            String where = phase.equals("cv") ? "fold " + fold + "/" + folds : phase;
            return String.format("%s %s done (%d/%d), elapsed %.1f s, ETA %.1f s", where, model, done, total,
                    elapsed.toMillis() / 1000.0, eta.toMillis() / 1000.0);
        }
    }
}
