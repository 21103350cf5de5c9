package autotrader.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the scheduler writes down what it runs and plans (a port: the daemon's adapter is the state
 * database, so `status` can read it from another process and a restarted daemon knows which runs it
 * missed while it was down).
 */
public interface JobJournal {

    /** Market time of the job's last run (started, whether it ended well or not), if there was one. */
    Optional<Instant> lastRun(String job);

    /** The job's next run is planned for market time {@code next}; null: no further run planned. */
    void planned(String job, Instant next);

    void started(String job, Instant asOf);

    /** The run for {@code asOf} ended after {@code ms}; {@code error} is null when it succeeded. */
    void finished(String job, Instant asOf, double ms, String error);

    JobJournal NONE = new JobJournal() {
        @Override
        public Optional<Instant> lastRun(String job) {
            return Optional.empty();
        }

        @Override
        public void planned(String job, Instant next) {
        }

        @Override
        public void started(String job, Instant asOf) {
        }

        @Override
        public void finished(String job, Instant asOf, double ms, String error) {
        }
    };
}
