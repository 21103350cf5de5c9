package autotrader.store;

import autotrader.schedule.JobJournal;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The scheduler's journal (job_runs) and the daemon's heartbeat, in the state database. */
public final class JobRepository implements JobJournal {

    private final Jdbi jdbi;

    JobRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One job as `status` shows it. */
    public record JobRow(String job, Instant lastAsOf, Instant lastStartedAt, Double lastMs, String lastError, boolean running,
                         long runs, long errors, Instant nextAsOf) {
    }

    /** The daemon's last heartbeat. */
    public record Heartbeat(long pid, Instant startedAt, Instant beatAt, Instant marketTime, String clock, String mode, Instant stoppedAt) {
    }

    @Override
    public Optional<Instant> lastRun(String job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_as_of FROM job_runs WHERE job = ?").bind(0, job)
                .mapTo(String.class).findOne().map(Instant::parse));
    }

    @Override
    public void planned(String job, Instant next) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO job_runs(job, next_as_of, updated_at) VALUES (:job, :next, :now)
                        ON CONFLICT(job) DO UPDATE SET next_as_of = :next, updated_at = :now""")
                .bind("job", job).bind("next", next == null ? null : next.toString()).bind("now", Instant.now().toString()).execute());
    }

    @Override
    public void started(String job, Instant asOf) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO job_runs(job, last_as_of, last_started_at, running, runs, updated_at) VALUES (:job, :asOf, :now, 1, 1, :now)
                        ON CONFLICT(job) DO UPDATE SET last_as_of = :asOf, last_started_at = :now, running = 1, runs = runs + 1, updated_at = :now""")
                .bind("job", job).bind("asOf", asOf.toString()).bind("now", Instant.now().toString()).execute());
    }

    @Override
    public void finished(String job, Instant asOf, double ms, String error) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE job_runs SET last_ms = ?, last_error = ?, running = 0, errors = errors + ?, updated_at = ? WHERE job = ?""")
                .bind(0, ms).bind(1, error).bind(2, error == null ? 0 : 1).bind(3, Instant.now().toString()).bind(4, job).execute());
    }

    public List<JobRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM job_runs ORDER BY job")
                .map((rs, c) -> new JobRow(rs.getString("job"), instant(rs.getString("last_as_of")), instant(rs.getString("last_started_at")),
                        rs.getObject("last_ms") == null ? null : rs.getDouble("last_ms"), rs.getString("last_error"),
                        rs.getInt("running") == 1, rs.getLong("runs"), rs.getLong("errors"), instant(rs.getString("next_as_of"))))
                .list());
    }

    /** Marks every job as not running: a daemon that starts knows none of the previous one's runs is still going. */
    public void clearRunning() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE job_runs SET running = 0").execute());
    }

    public void beat(long pid, Instant startedAt, Instant marketTime, String clock, String mode) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO daemon_heartbeat(id, pid, started_at, beat_at, market_time, clock, mode, stopped_at)
                        VALUES (1, :pid, :started, :beat, :market, :clock, :mode, NULL)
                        ON CONFLICT(id) DO UPDATE SET pid = :pid, started_at = :started, beat_at = :beat, market_time = :market,
                            clock = :clock, mode = :mode, stopped_at = NULL""")
                .bind("pid", pid).bind("started", startedAt.toString()).bind("beat", Instant.now().toString())
                .bind("market", marketTime.toString()).bind("clock", clock).bind("mode", mode).execute());
    }

    public void stopped() {
        jdbi.useHandle(h -> h.createUpdate("UPDATE daemon_heartbeat SET stopped_at = ? WHERE id = 1").bind(0, Instant.now().toString()).execute());
    }

    public Optional<Heartbeat> heartbeat() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM daemon_heartbeat WHERE id = 1")
                .map((rs, c) -> new Heartbeat(rs.getLong("pid"), Instant.parse(rs.getString("started_at")), Instant.parse(rs.getString("beat_at")),
                        Instant.parse(rs.getString("market_time")), rs.getString("clock"), rs.getString("mode"), instant(rs.getString("stopped_at"))))
                .findOne());
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
