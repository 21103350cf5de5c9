package autotrader.ensemble;

import autotrader.progress.Progress;

/**
 * The trainer's steps (each fitted model of each fold, the final refit, the meta-learner) shown as one
 * progress task: started when the training starts, so its ETA counts the first fit too. Close it after
 * {@link EnsembleTrainer#train} (try-with-resources), also when the training fails.
 */
public final class TrainingBar implements TrainingProgress, AutoCloseable {

    private final Progress.Task task;

    public TrainingBar(Progress bars, String name) {
        this.task = bars.start(name, 0, "fits");
    }

    @Override
    public void report(Step step) {
        task.total(step.total());
        task.note(step.phase().equals("cv") ? "fold " + step.fold() + "/" + step.folds() + " " + step.model() : step.phase() + " " + step.model());
        task.stepTo(step.done());
    }

    @Override
    public void close() {
        task.close();
    }
}
