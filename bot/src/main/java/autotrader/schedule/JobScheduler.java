package autotrader.schedule;

import autotrader.market.MarketCalendar;
import org.quartz.CronExpression;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Quartz with market-time crons. Each job has one trigger at a time: when it fires, the job runs
 * with the market time it was planned for, then plans its next run after the clock's current time.
 * So a job never overlaps itself (also enforced by {@link DisallowConcurrentExecution}), and runs
 * missed while a job was busy are skipped rather than replayed in a burst. Runs missed while the
 * daemon was down (known from the {@link JobJournal}) are handled by each job's policy: skipped, or
 * run once at start for the latest missed time (a daily summary, a weekly retrain), never replayed.
 */
public final class JobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    private static final String TASK = "task";

    private final Scheduler quartz;
    private final MarketClock clock;
    private final MarketCalendar calendar;
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private volatile Instant stopAfter;
    private volatile Runnable onStopReached = () -> { };
    private volatile boolean started;
    private volatile boolean initialPlanning;
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Each job's next planned market time (one trigger per job). */
    private final Map<String, Instant> planned = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, RuntimeException> onJobError = (job, e) -> { };
    private volatile JobJournal journal = JobJournal.NONE;
    /** Jobs during which a simulated clock stands still. */
    private final Set<String> holdsClock = ConcurrentHashMap.newKeySet();
    /** The market time of each job's latest run in this process. */
    private final Map<String, Instant> lastRuns = new ConcurrentHashMap<>();

    /** What to do at start about runs missed while the daemon was down. */
    public enum MissedRuns {
        /** Wait for the next planned time. */
        SKIP,
        /** Run once now, for the latest missed time, then go on as planned. */
        RUN_ONCE
    }

    /** A task to run at market time {@code asOf}. */
    public interface Task extends Consumer<Instant> {
    }

    private record Plan(String name, CronExpression cron, boolean marketHoursOnly, MissedRuns missed, Task task) {
    }

    public JobScheduler(MarketClock clock, MarketCalendar calendar) {
        this.clock = clock;
        this.calendar = calendar;
        try {
            Properties p = new Properties();
            p.setProperty("org.quartz.scheduler.instanceName", "autotrader-" + System.identityHashCode(this));
            p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
            p.setProperty("org.quartz.threadPool.threadCount", "3");
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            this.quartz = new StdSchedulerFactory(p).getScheduler();
            quartz.getContext().put(JobScheduler.class.getName(), this);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the Quartz scheduler", e);
        }
    }

    /** Told about every job run that ends in an error (the job runs again at its next time). */
    public void onJobError(BiConsumer<String, RuntimeException> handler) {
        this.onJobError = handler;
    }

    /**
     * While this job runs, a simulated clock stands still, so a run longer than the job's interval
     * does not let market time pass it by (the decision cycle). Short, frequent jobs (the order
     * monitor) do not hold it: they would only slow the simulated day down.
     */
    public void holdClockWhile(String job) {
        holdsClock.add(job);
    }

    /** Where runs and plans are written down, and where the last runs are read at start for the missed-run policies. */
    public void journal(JobJournal journal) {
        this.journal = journal;
    }

    /** Stops planning runs after this market time and calls {@code onReached} once the last run before it is done. */
    public void stopAfter(Instant marketTime, Runnable onReached) {
        this.stopAfter = marketTime;
        this.onStopReached = onReached;
    }

    public void schedule(String name, String cron, boolean marketHoursOnly, Task task) {
        schedule(name, cron, marketHoursOnly, MissedRuns.SKIP, task);
    }

    public void schedule(String name, String cron, boolean marketHoursOnly, MissedRuns missed, Task task) {
        CronExpression expr;
        try {
            expr = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("job " + name + ": bad cron '" + cron + "': " + e.getMessage());
        }
        expr.setTimeZone(TimeZone.getTimeZone(MarketCalendar.NEW_YORK));
        Plan plan = new Plan(name, expr, marketHoursOnly, missed, task);
        plans.put(name, plan);
        JobDetail job = JobBuilder.newJob(ClockedJob.class).withIdentity(name).storeDurably().build();
        try {
            quartz.addJob(job, true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot add job " + name, e);
        }
        if (started) planNext(plan);
    }

    /** Starts the clock and Quartz, then plans each job's first run from the clock's time. */
    public void start() {
        clock.start();
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start Quartz", e);
        }
        started = true;
        // Every first run is planned from the same instant: at high sim speeds, planning one job after
        // the other would otherwise let the clock run past the first run of the later ones.
        Instant from = clock.instant();
        initialPlanning = true;
        try {
            plans.values().forEach(p -> plan(p, missedRunOrNext(p, from)));
        } finally {
            initialPlanning = false;
        }
        skipClosedMarket();
    }

    /**
     * The first run of a job at start: normally its next cron time; when runs were missed since the
     * journal's last run and the policy says so, the latest missed time (its trigger fires at once).
     */
    private Instant missedRunOrNext(Plan p, Instant from) {
        Instant next = nextFire(p.cron, p.marketHoursOnly, from);
        Instant last = journal.lastRun(p.name).orElse(null);
        if (last == null || !last.isBefore(from)) return next;
        int missed = 0;
        Instant latest = null;
        for (Instant t = nextFire(p.cron, p.marketHoursOnly, last); t != null && t.isBefore(from) && missed < 100_000;
             t = nextFire(p.cron, p.marketHoursOnly, t)) {
            missed++;
            latest = t;
        }
        if (missed == 0) return next;
        if (p.missed == MissedRuns.RUN_ONCE) {
            log.warn("job {}: {} run(s) missed since {} while the daemon was down; policy run_once: running it now for {}", p.name, missed,
                    last, latest);
            return latest;
        }
        log.info("job {}: {} run(s) missed since {} while the daemon was down; policy skip: next run at {}", p.name, missed, last, next);
        return next;
    }

    /** The next market time this job will run, or null if none is planned. */
    public Instant nextRun(String name) {
        try {
            var triggers = quartz.getTriggersOfJob(JobKey.jobKey(name));
            if (triggers.isEmpty()) return null;
            JobDataMap data = triggers.get(0).getJobDataMap();
            return (Instant) data.get("asOf");
        } catch (SchedulerException e) {
            return null;
        }
    }

    /** The first market time strictly after {@code after} that matches the cron (and the open session, if asked). */
    Instant nextFire(CronExpression cron, boolean marketHoursOnly, Instant after) {
        return nextFire(cron, marketHoursOnly, after, calendar);
    }

    /** The next run of a market-time cron after {@code after}, as a daemon started now would plan it (for `status`). */
    public static Instant nextFire(String cron, boolean marketHoursOnly, Instant after, MarketCalendar calendar) {
        try {
            CronExpression expr = new CronExpression(cron);
            expr.setTimeZone(TimeZone.getTimeZone(MarketCalendar.NEW_YORK));
            return nextFire(expr, marketHoursOnly, after, calendar);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad cron '" + cron + "': " + e.getMessage());
        }
    }

    private static Instant nextFire(CronExpression cron, boolean marketHoursOnly, Instant after, MarketCalendar calendar) {
        Date next = cron.getNextValidTimeAfter(Date.from(after));
        for (int guard = 0; next != null && marketHoursOnly && guard < 10_000; guard++) {
            Instant t = next.toInstant();
            if (calendar.isOpen(t)) return t;
            Instant jump = calendar.isTradingDay(calendar.dateAt(t)) && t.isBefore(calendar.openInstant(calendar.dateAt(t)))
                    ? calendar.openInstant(calendar.dateAt(t))
                    : calendar.nextOpen(t);
            next = cron.getNextValidTimeAfter(Date.from(jump.minusSeconds(1)));
        }
        return next == null ? null : next.toInstant();
    }

    private void planNext(Plan plan) {
        planNext(plan, clock.instant());
    }

    /**
     * Plans the next run strictly after {@code after}. After a run, that is the later of the clock and
     * the run's own market time: a trigger can fire a millisecond before the simulated clock reaches
     * its time, and planning from the clock alone would then plan the same time twice.
     */
    private void planNext(Plan plan, Instant after) {
        Instant now = clock.instant();
        plan(plan, nextFire(plan.cron, plan.marketHoursOnly, after.isAfter(now) ? after : now));
    }

    private void plan(Plan plan, Instant next) {
        if (next == null || (stopAfter != null && next.isAfter(stopAfter))) {
            log.info("job {}: no further runs planned", plan.name);
            planned.remove(plan.name);
            finished.add(plan.name);
            journalSafely(() -> journal.planned(plan.name, null));
            // Stop once every job is done, not when the first one is: a job planned once a day after
            // the close must still get its last run.
            if (stopAfter != null && finished.containsAll(plans.keySet())) onStopReached.run();
            return;
        }
        planned.put(plan.name, next);
        journalSafely(() -> journal.planned(plan.name, next));
        schedule(plan.name, next);
        skipClosedMarket();
    }

    /** A one-shot Quartz trigger for the job at the wall-clock time matching market time {@code asOf}. */
    private void schedule(String job, Instant asOf) {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(job + "-next")
                .forJob(job)
                .usingJobData(new JobDataMap(Map.of(TASK, job, "asOf", asOf)))
                .startAt(Date.from(clock.wallTimeOf(asOf)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (quartz.checkExists(trigger.getKey())) quartz.rescheduleJob(trigger.getKey(), trigger);
            else quartz.scheduleJob(trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot plan job " + job, e);
        }
    }

    /**
     * On a simulated clock a closed market is skipped rather than waited out: when the market is
     * closed and no job is due within 30 minutes, the clock jumps to just before the earliest
     * planned run, and every planned trigger is moved to the new wall-clock time of its run.
     */
    private synchronized void skipClosedMarket() {
        if (initialPlanning || !clock.isSimulated() || planned.isEmpty()) return;
        Instant now = clock.instant();
        Instant earliest = planned.values().stream().min(Instant::compareTo).orElseThrow();
        if (calendar.isOpen(now) || Duration.between(now, earliest).toMinutes() <= 30) return;
        Instant to = earliest.minusSeconds(5);
        log.info("sim clock: market closed, skipping ahead to {}", to.atZone(MarketCalendar.NEW_YORK).toLocalDateTime());
        clock.skipTo(to);
        planned.forEach(this::schedule);
    }

    /** A simulated clock ran again after a hold: every planned run gets its new wall-clock time. */
    private synchronized void replanAll() {
        try {
            if (quartz.isShutdown()) return;
        } catch (SchedulerException e) {
            return;
        }
        planned.forEach(this::schedule);
    }

    void runPlanned(String name, Instant asOf) {
        Plan plan = plans.get(name);
        if (plan == null) return;
        // A trigger whose wall time came while another job held the simulated clock is early in market
        // time: it waits for the release (which plans it again), instead of running ahead of the clock.
        if (clock.isHeld() && asOf.isAfter(clock.instant())) {
            schedule(name, asOf);
            return;
        }
        // Once per market time, whatever the triggers do: a trigger planned again while its run was
        // already under way (the sim clock's replanning) must not run it a second time.
        Instant previous = lastRuns.put(name, asOf);
        if (previous != null && !asOf.isAfter(previous)) {
            lastRuns.put(name, previous);
            log.debug("job {}: run for {} already done, not repeated", name, asOf);
            return;
        }
        planned.remove(name, asOf);
        journalSafely(() -> journal.started(name, asOf));
        boolean hold = holdsClock.contains(name);
        if (hold) clock.hold();
        long t0 = System.nanoTime();
        String error = null;
        try {
            plan.task.accept(asOf);
        } catch (RuntimeException e) {
            error = e.toString();
            log.error("job {} at {} failed: {}", name, asOf, e.toString(), e);
            onJobError.accept(name, e);
        } finally {
            String err = error;
            journalSafely(() -> journal.finished(name, asOf, (System.nanoTime() - t0) / 1e6, err));
            if (hold && clock.release()) replanAll();
            try {
                if (!quartz.isShutdown()) planNext(plan, asOf);
            } catch (SchedulerException e) {
                log.warn("job {}: cannot plan next run: {}", name, e.toString());
            }
        }
    }

    /** The journal is a record, not a control: a failed write is logged and the job goes on. */
    private static void journalSafely(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("job journal not updated: {}", e.toString());
        }
    }

    /** Stops firing; waits for running jobs to finish when {@code waitForJobs}. */
    public void shutdown(boolean waitForJobs) {
        try {
            if (!quartz.isShutdown()) quartz.shutdown(waitForJobs);
        } catch (SchedulerException e) {
            log.warn("Quartz shutdown: {}", e.toString());
        }
    }

    @Override
    public void close() {
        shutdown(true);
    }

    /** The Quartz job: looks up the plan by name and runs it at the market time its trigger carries. */
    @DisallowConcurrentExecution
    public static final class ClockedJob implements Job {
        @Override
        public void execute(JobExecutionContext ctx) {
            try {
                JobScheduler owner = (JobScheduler) ctx.getScheduler().getContext().get(JobScheduler.class.getName());
                JobDataMap data = ctx.getTrigger().getJobDataMap();
                owner.runPlanned(data.getString(TASK), (Instant) data.get("asOf"));
            } catch (SchedulerException e) {
                LoggerFactory.getLogger(ClockedJob.class).error("job context lost: {}", e.toString());
            }
        }
    }
}
