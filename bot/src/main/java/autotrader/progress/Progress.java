package autotrader.progress;

/**
 * Where a long job says how far it is (the daemon's warm-up, training, backtests and replays), so a
 * trader watching the first run sees it move. Implementations write to stderr or to a log consumer,
 * never to stdout: stdout carries the JSON and tables scripts read. {@link ProgressBars} is the one
 * implementation (a bar on a terminal, plain periodic lines elsewhere); {@link #NONE} says nothing.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = (task, total, unit) -> Task.NONE;

    /**
     * Starts reporting one job.
     *
     * @param task  what is running, e.g. "backtest" (the line's first word)
     * @param total how many units the job has; 0 or less when not known yet (see {@link Task#total})
     * @param unit  what is counted, e.g. "cycles", "epochs"
     */
    Task start(String task, long total, String unit);

    /** One job's progress; close it when the job ends (also on failure) so the last state is shown and the bar ends. */
    interface Task extends AutoCloseable {

        Task NONE = new Task() {
            @Override
            public void stepTo(long done) {
            }

            @Override
            public void total(long total) {
            }

            @Override
            public void note(String text) {
            }

            @Override
            public void close() {
            }
        };

        /** Units finished so far (never more than the total). */
        void stepTo(long done);

        /** The total, once known or when it changes (e.g. the candidates of a scan). */
        void total(long total);

        /** A short free text shown after the count (the day, the loss, the equity). */
        void note(String text);

        @Override
        void close();
    }
}
