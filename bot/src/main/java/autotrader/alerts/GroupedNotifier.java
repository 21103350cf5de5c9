package autotrader.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Groups repeated warnings in front of the trader's notifier (Telegram), so one failing broker call
 * does not become a message per order: a reconciliation that cannot read 13 orders sent 13 "Job
 * stopped by an error" messages. A cause is the alert kind plus its text with every word that holds a
 * digit (ids, counts, prices, times) replaced by '#'. The first alert of a cause goes out at once;
 * repeats within the window (60 s by default) are counted, and when the window ends ONE follow-up
 * goes out with the count and the latest text. A cause that repeated stays grouped for one more
 * window, so a steady error costs one message per window; a quiet window ends it. Nothing is dropped:
 * the follow-up is sent by a timer even if no further alert comes, and {@link #close()} sends every
 * pending one.
 *
 * <p>Grouped: {@link AlertKind#JOB_ERROR}, {@link AlertKind#TOKEN_EXPIRY}, {@link AlertKind#ORDER_REJECTED},
 * {@link AlertKind#ORDER_PROBLEM}, {@link AlertKind#STREAM} and {@link AlertKind#RULES_REFUSED}: warnings
 * about a state that can repeat. Never grouped, each
 * passed on at once: {@link AlertKind#FILL}, {@link AlertKind#STOP_LOSS}, {@link AlertKind#TAKE_PROFIT}
 * and {@link AlertKind#DAILY_SUMMARY}: each is a distinct event the trader must see on its own.
 * The log is not grouped: {@link Notifier#logged} logs every alert before it gets here.
 */
public final class GroupedNotifier implements Notifier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupedNotifier.class);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    static final Set<AlertKind> GROUPED = EnumSet.of(AlertKind.JOB_ERROR, AlertKind.TOKEN_EXPIRY, AlertKind.ORDER_REJECTED,
            AlertKind.ORDER_PROBLEM, AlertKind.STREAM, AlertKind.RULES_REFUSED);

    /** Runs a task once after a delay: the daemon's is a one-thread scheduler, the tests run tasks by hand on their own clock. */
    @FunctionalInterface
    public interface Timer {
        void after(Duration delay, Runnable task);
    }

    /** One open window of a cause: when it began, how many were held back in it and the latest of them. */
    private static final class Group {
        final AlertKind kind;
        final Instant started;
        int more;
        String latest;

        Group(AlertKind kind, Instant started) {
            this.kind = kind;
            this.started = started;
        }
    }

    private record Message(AlertKind kind, String text) {
    }

    private final Notifier next;
    private final Duration window;
    private final Clock clock;
    private final Timer timer;
    private final ScheduledExecutorService ownScheduler;
    private final Map<String, Group> open = new HashMap<>();
    private boolean closed;

    /** In front of {@code next}, on the wall clock, with its own timer thread (stopped by {@link #close()}). */
    public GroupedNotifier(Notifier next, Duration window) {
        this(next, window, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-groups");
            t.setDaemon(true);
            return t;
        }));
    }

    public GroupedNotifier(Notifier next, Duration window, Clock clock, Timer timer) {
        this(next, window, clock, timer, null);
    }

    private GroupedNotifier(Notifier next, Duration window, Clock clock, ScheduledExecutorService scheduler) {
        this(next, window, clock, (delay, task) -> scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), scheduler);
    }

    private GroupedNotifier(Notifier next, Duration window, Clock clock, Timer timer, ScheduledExecutorService ownScheduler) {
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("the grouping window must be positive: " + window);
        this.next = next;
        this.window = window;
        this.clock = clock;
        this.timer = timer;
        this.ownScheduler = ownScheduler;
    }

    /** The cause an alert text stands for: words holding a digit become '#', so "read order 12" and "read order 13" are one cause. */
    static String cause(String text) {
        return text == null ? "" : text.replaceAll("[\\w.:/-]*\\d[\\w.:/-]*", "#");
    }

    @Override
    public void alert(AlertKind kind, String text) {
        if (kind == null || !GROUPED.contains(kind)) {
            send(kind, text);
            return;
        }
        String key = kind + " " + cause(text);
        Group started = null;
        synchronized (this) {
            Group g = closed ? null : open.get(key);
            if (g != null) {
                g.more++;
                g.latest = text;
                return;
            }
            if (!closed) {
                started = new Group(kind, clock.instant());
                open.put(key, started);
            }
        }
        send(kind, text);   // outside the lock: a slow notifier must not hold up other causes
        if (started != null) schedule(key, started);
    }

    private void schedule(String key, Group g) {
        try {
            timer.after(window, () -> windowEnded(key, g));
        } catch (RuntimeException e) {   // only when closed under us (its scheduler stopped): close() sent what was held back
            if (!isClosed()) log.error("alert group for '{}' has no timer: {}", key, e.toString());
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The window of {@code g} ended: its follow-up goes out, and a cause that repeated gets one more window. */
    private void windowEnded(String key, Group g) {
        Message followUp;
        Group again = null;
        synchronized (this) {
            if (open.get(key) != g) return;   // close() sent it already
            if (g.more == 0) {
                open.remove(key);
                return;
            }
            followUp = followUp(g);
            again = new Group(g.kind, clock.instant());
            open.put(key, again);
        }
        send(followUp.kind(), followUp.text());
        schedule(key, again);
    }

    private Message followUp(Group g) {
        long seconds = Math.max(1, Math.round(Duration.between(g.started, clock.instant()).toMillis() / 1000.0));
        return new Message(g.kind, "(" + g.more + " more like this in the last " + seconds + " s) " + g.latest);
    }

    private void send(AlertKind kind, String text) {
        try {
            next.alert(kind, text);
        } catch (RuntimeException e) {   // Notifier promises not to throw; a timer thread must survive one that does
            log.error("alert not passed on: {}", e.toString());
        }
    }

    /** Sends every pending follow-up now; alerts after this pass straight through. */
    @Override
    public void close() {
        List<Message> pending = new ArrayList<>();
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (Group g : open.values()) if (g.more > 0) pending.add(followUp(g));
            open.clear();
        }
        pending.forEach(m -> send(m.kind(), m.text()));
        if (ownScheduler != null) ownScheduler.shutdownNow();
    }
}
