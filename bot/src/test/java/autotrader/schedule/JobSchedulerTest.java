package autotrader.schedule;

import autotrader.market.MarketCalendar;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class JobSchedulerTest {

    private static final MarketCalendar CAL = MarketCalendar.nyse();

    private static Instant ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MarketCalendar.NEW_YORK).toInstant();
    }

    @Test
    void quartzFiresTheJobAtMarketTimesOnASimulatedClockWithoutOverlap() throws Exception {
        SimClock clock = new SimClock(ny("2024-06-12T09:29:00"), 600);   // 10 market minutes per wall second
        List<Instant> fired = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger(), maxRunning = new AtomicInteger();
        CountDownLatch six = new CountDownLatch(6);
        try (JobScheduler s = new JobScheduler(clock, CAL)) {
            s.schedule("scan", "0 */5 9-15 ? * MON-FRI", true, asOf -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                fired.add(asOf);
                sleep(250);   // half the 5-minute interval in wall time
                running.decrementAndGet();
                six.countDown();
            });
            s.start();
            assertTrue(six.await(15, TimeUnit.SECONDS), "the job kept firing");
        }
        assertEquals(ny("2024-06-12T09:30:00"), fired.get(0), "first run at the open, not before");
        for (int i = 1; i < fired.size(); i++) {
            assertTrue(Duration.between(fired.get(i - 1), fired.get(i)).toMinutes() % 5 == 0, "on the 5-minute grid: " + fired);
            assertTrue(fired.get(i).isAfter(fired.get(i - 1)));
        }
        assertEquals(1, maxRunning.get(), "never two runs at once");
    }

    @Test
    void stopsAfterTheEarlyCloseAndReportsIt() throws Exception {
        SimClock clock = new SimClock(ny("2024-07-03T12:44:00"), 600);
        List<Instant> fired = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        try (JobScheduler s = new JobScheduler(clock, CAL)) {
            s.stopAfter(CAL.closeInstant(LocalDate.of(2024, 7, 3)), stopped::countDown);
            s.schedule("scan", "0 */5 9-15 ? * MON-FRI", true, fired::add);
            s.start();
            assertTrue(stopped.await(15, TimeUnit.SECONDS));
        }
        assertEquals(List.of(ny("2024-07-03T12:45:00"), ny("2024-07-03T12:50:00"), ny("2024-07-03T12:55:00")), fired,
                "13:00 early close: no run at or after 13:00");
    }

    @Test
    void anAfterCloseJobRunsAndTheSimClockThenSkipsTheNightToTheNextOpen() throws Exception {
        SimClock clock = new SimClock(ny("2024-06-12T15:44:00"), 600);
        List<Instant> scans = new CopyOnWriteArrayList<>(), summaries = new CopyOnWriteArrayList<>();
        CountDownLatch nextMorning = new CountDownLatch(1);
        try (JobScheduler s = new JobScheduler(clock, CAL)) {
            s.schedule("scan", "0 */5 9-15 ? * MON-FRI", true, t -> {
                scans.add(t);
                if (t.equals(ny("2024-06-13T09:30:00"))) nextMorning.countDown();
            });
            s.schedule("summary", "0 15 16 ? * MON-FRI", false, summaries::add);
            s.start();
            assertTrue(nextMorning.await(20, TimeUnit.SECONDS), "the night was skipped: scans " + scans + ", summaries " + summaries);
        }
        assertEquals(List.of(ny("2024-06-12T16:15:00")), summaries.subList(0, 1));
        assertTrue(scans.containsAll(List.of(ny("2024-06-12T15:45:00"), ny("2024-06-12T15:55:00"))), scans.toString());
    }

    @Test
    void nextFireSkipsHolidaysWeekendsAndClosedHours() throws Exception {
        JobScheduler s = new JobScheduler(MarketClock.system(), CAL);
        try {
            CronExpression cron = new CronExpression("0 */5 9-15 ? * MON-FRI");
            cron.setTimeZone(TimeZone.getTimeZone(MarketCalendar.NEW_YORK));
            assertEquals(ny("2024-07-05T09:30:00"), s.nextFire(cron, true, ny("2024-07-03T12:56:00")), "July 4th holiday skipped");
            assertEquals(ny("2024-06-17T09:30:00"), s.nextFire(cron, true, ny("2024-06-14T15:56:00")), "weekend skipped");
            assertEquals(ny("2024-06-12T09:30:00"), s.nextFire(cron, true, ny("2024-06-12T09:00:00")), "09:00 and 09:25 are before the open");
            assertEquals(ny("2024-06-12T09:05:00"), s.nextFire(cron, false, ny("2024-06-12T09:00:00")), "without the calendar, the cron alone");
        } finally {
            s.close();
        }
    }

    @Test
    void aJobSlowerThanItsIntervalHoldsTheSimClockSoNoRunIsSkipped() throws Exception {
        SimClock clock = new SimClock(ny("2024-06-12T09:29:00"), 3000);   // 5 market minutes = 0.1 s of wall time
        List<Instant> fired = new CopyOnWriteArrayList<>();
        List<Instant> monitorSaw = new CopyOnWriteArrayList<>();
        List<String> ranAhead = new CopyOnWriteArrayList<>();
        AtomicBoolean standsStill = new AtomicBoolean(true);
        CountDownLatch eight = new CountDownLatch(8);
        try (JobScheduler s = new JobScheduler(clock, CAL)) {
            s.schedule("cycle", "0 */5 9-15 ? * MON-FRI", true, asOf -> {
                fired.add(asOf);
                Instant before = clock.instant();
                sleep(300);   // three intervals of wall time
                if (!before.equals(clock.instant())) standsStill.set(false);
                eight.countDown();
            });
            s.schedule("reconcile", "30 */10 9-15 ? * MON-FRI", true, t -> {   // slower than the cycle, like reconciliation
                monitorSaw.add(t);
                // A job that does not hold the clock waits while another holds it: never far ahead of market time.
                if (Duration.between(clock.instant(), t).toSeconds() > 60) ranAhead.add(t + " at clock " + clock.instant());
            });
            s.holdClockWhile("cycle");
            s.start();
            assertTrue(eight.await(20, TimeUnit.SECONDS), "cycles: " + fired);
        }
        for (int i = 1; i < 8; i++) {
            assertEquals(Duration.ofMinutes(5), Duration.between(fired.get(i - 1), fired.get(i)), "every 5-minute run, none skipped: " + fired);
        }
        assertTrue(standsStill.get(), "market time stands still while the cycle runs");
        assertEquals(List.of(), ranAhead, "the reconciliation did not run ahead of the held clock");
        assertEquals(monitorSaw.size(), new HashSet<>(monitorSaw).size(), "no reconciliation time run twice");
    }

    @Test
    void runsMissedWhileDownAreSkippedOrRunOnceByPolicy() throws Exception {
        // The daemon last ran both jobs on Monday; it starts again on Wednesday at 10:02.
        Map<String, Instant> last = new ConcurrentHashMap<>(Map.of("cycle", ny("2024-06-10T15:55:00"), "summary", ny("2024-06-10T16:15:00")));
        JobJournal journal = new JobJournal() {
            public Optional<Instant> lastRun(String job) {
                return Optional.ofNullable(last.get(job));
            }

            public void planned(String job, Instant next) {
            }

            public void started(String job, Instant asOf) {
                last.put(job, asOf);
            }

            public void finished(String job, Instant asOf, double ms, String error) {
            }
        };
        SimClock clock = new SimClock(ny("2024-06-12T10:02:00"), 60);
        List<Instant> cycles = new CopyOnWriteArrayList<>(), summaries = new CopyOnWriteArrayList<>();
        CountDownLatch summaryRan = new CountDownLatch(1);
        try (JobScheduler s = new JobScheduler(clock, CAL)) {
            s.journal(journal);
            s.schedule("cycle", "0 */5 9-15 ? * MON-FRI", true, JobScheduler.MissedRuns.SKIP, cycles::add);
            s.schedule("summary", "0 15 16 ? * MON-FRI", false, JobScheduler.MissedRuns.RUN_ONCE, t -> {
                summaries.add(t);
                summaryRan.countDown();
            });
            s.start();
            assertTrue(summaryRan.await(5, TimeUnit.SECONDS), "the missed summary ran at start");
            assertEquals(ny("2024-06-12T10:05:00"), s.nextRun("cycle"), "missed cycles skipped: the next is the regular one");
        }
        assertEquals(List.of(ny("2024-06-11T16:15:00")), summaries, "run once, for the latest missed time (Tuesday's), not replayed");
        assertTrue(cycles.stream().noneMatch(t -> t.isBefore(ny("2024-06-12T10:02:00"))), "no missed cycle replayed: " + cycles);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
