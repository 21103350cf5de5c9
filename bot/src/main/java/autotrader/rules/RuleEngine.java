package autotrader.rules;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;
import autotrader.config.AppConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The rules the trader runs, reloadable while running. The compiled rules sit behind an
 * AtomicReference: a reload builds a complete new KieBase first and swaps it in with one write, so an
 * evaluation that already holds the old one finishes on it and the next one gets the new one; nobody
 * ever sees a half-built rule set. A folder that does not compile is refused: the last good rules keep
 * running, and the problems (file, line, message) are logged and sent to the alerts.
 */
public final class RuleEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final Path dir;
    private final AppConfig.Risk risk;
    private final Notifier alerts;
    private final AtomicReference<RuleEvaluator> current = new AtomicReference<>();
    private final Object reloadLock = new Object();
    private volatile RuleWatcher watcher;
    private volatile RulesState state;
    // Who hears about loads and refusals (the daemon persists them so `status` in another process sees them).
    private final List<Consumer<RulesState>> listeners = new CopyOnWriteArrayList<>();

    private RuleEngine(Path dir, AppConfig.Risk risk, Notifier alerts) {
        this.dir = dir;
        this.risk = risk;
        this.alerts = alerts;
    }

    /**
     * Compiles the folder and returns an engine running it.
     *
     * @throws RulesRefusedException if the folder does not compile: there are no last good rules yet
     */
    public static RuleEngine load(Path dir, AppConfig.Risk risk, Notifier alerts) {
        RuleEngine engine = new RuleEngine(dir, risk, alerts == null ? Notifier.NONE : alerts);
        RuleCompiler.Result r = RuleCompiler.compile(RuleSource.read(dir));
        if (!r.ok()) throw new RulesRefusedException(r.problems());
        engine.current.set(new RuleEvaluator(r.kieBase(), r.version(), risk));
        engine.state = new RulesState(r.version().label(), Instant.now(), null);
        log.info("rules {} loaded from {}", r.version(), dir);
        return engine;
    }

    public Evaluation evaluate(RuleBatch batch) {
        // One read of the reference: this whole batch runs on the rules current at its start.
        return current.get().evaluate(batch);
    }

    /** A number parameter of the rules in force (a DRL function such as MIN_CONFIDENCE), empty when they define none. */
    public OptionalDouble parameter(String function) {
        return current.get().parameter(function);
    }

    public RulesVersion version() {
        return current.get().version();
    }

    /** The version in force and whether the latest edit was refused. */
    public RulesState state() {
        return state;
    }

    /** Tells {@code listener} the current state now and every change from here on. */
    public void onState(Consumer<RulesState> listener) {
        listeners.add(listener);
        tell(listener, state);
    }

    private void setState(RulesState s) {
        // The listeners (the database row `status` reads) first, then the state the desk reads here: whoever
        // sees the new state on the desk finds it in `status` too (DaemonRulesStateTest raced on this under load).
        for (Consumer<RulesState> l : listeners) tell(l, s);
        state = s;
    }

    private static void tell(Consumer<RulesState> l, RulesState s) {
        try {
            l.accept(s);
        } catch (RuntimeException e) {
            log.warn("rules state not delivered: {}", e.toString());
        }
    }

    public Path dir() {
        return dir;
    }

    /** What {@link #reload()} did. */
    public enum ReloadOutcome { RELOADED, UNCHANGED, REFUSED }

    /**
     * Compiles the folder again and swaps the new rules in if they compile and differ from the
     * running ones. Reloads are serialised; evaluations are never blocked by one.
     */
    public ReloadOutcome reload() {
        synchronized (reloadLock) {
            RuleSource source;
            try {
                source = RuleSource.read(dir);
            } catch (RuntimeException e) {
                refuse(List.of(new RuleProblem(dir, 0, e.getMessage())));
                return ReloadOutcome.REFUSED;
            }
            if (source.sha256().equals(current.get().version().sha256())) {
                // The files are the running rules again (a refused edit undone): the refusal no longer applies.
                if (state.isRefused()) setState(new RulesState(state.version(), Instant.now(), null));
                return ReloadOutcome.UNCHANGED;
            }
            long t0 = System.nanoTime();
            RuleCompiler.Result r = RuleCompiler.compile(source);
            if (!r.ok()) {
                refuse(r.problems());
                return ReloadOutcome.REFUSED;
            }
            RuleEvaluator previous = current.getAndSet(new RuleEvaluator(r.kieBase(), r.version(), risk));
            setState(new RulesState(r.version().label(), Instant.now(), null));
            log.info("rules reloaded in {} ms: {} (was {})", (System.nanoTime() - t0) / 1_000_000, r.version(), previous.version().label());
            return ReloadOutcome.RELOADED;
        }
    }

    private void refuse(List<RuleProblem> problems) {
        String text = "rules change in " + dir + " refused; still running " + current.get().version().label() + ":\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n"));
        log.error(text);
        setState(new RulesState(current.get().version().label(), Instant.now(),
                problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n"))));
        try {
            alerts.alert(AlertKind.RULES_REFUSED, text);
        } catch (RuntimeException e) {
            log.warn("rules alert could not be delivered: {}", e.toString());
        }
    }

    /** Starts reloading on every saved change, after the folder has been quiet for {@code debounce}. */
    public synchronized void watch(Duration debounce) {
        if (watcher != null) return;
        watcher = RuleWatcher.start(dir, debounce, this::reload);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
