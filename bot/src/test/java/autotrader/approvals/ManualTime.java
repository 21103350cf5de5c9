package autotrader.approvals;

import autotrader.alerts.GroupedNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock and a {@link GroupedNotifier.Timer} that move only when a test says so: {@link #advance}
 * moves the time and runs, in time order, every task that has come due (tasks scheduled by those
 * tasks included), so a window's end is a step in the test, not a sleep.
 */
public final class ManualTime extends Clock implements GroupedNotifier.Timer {

    private record Task(Instant due, long seq, Runnable run) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private Instant now = Instant.parse("2026-03-02T15:00:00Z");
    private long seq;

    @Override
    public synchronized void after(Duration delay, Runnable task) {
        tasks.add(new Task(now.plus(delay), seq++, task));
    }

    /** Moves the time forward, running each task when its due time is reached. */
    public void advance(Duration d) {
        Instant end;
        synchronized (this) {
            end = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due().isAfter(end))
                        .min(Comparator.comparing(Task::due).thenComparing(Task::seq)).orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                tasks.remove(next);
                now = next.due();
            }
            next.run().run();
        }
    }

    public synchronized int pendingTasks() {
        return tasks.size();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
