package autotrader.web;

import autotrader.alerts.Notifier;
import autotrader.app.AppContext;
import autotrader.app.DeskCycles;
import autotrader.app.ModelVersions;
import autotrader.app.TradingDayConfig;
import autotrader.trading.TradingLoop;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.config.ConfigLoader;
import autotrader.rules.RuleEngine;
import autotrader.testing.MutableClock;

import autotrader.testing.TestRules;
import autotrader.trading.TradingSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's parts as `run` wires them, on a sim market of 60 stocks with the committed models, a
 * paper account and a real SQLite file in a temp folder, with the desk listening on a free port. The
 * market clock is a test clock, so a test decides when the cycle runs and when orders fill.
 */
final class DeskFixture implements AutoCloseable {

    /** A session in which the committed models make several BUYs that the committed rules turn into intents. */
    static final Instant CYCLE_AT = Instant.parse("2024-10-21T15:00:00Z");

    final Path dir;
    final AppContext ctx;
    final MutableClock clock;
    final TradingSystem orders;
    final ApprovalService approvals;
    final TradingLoop loop;
    final DeskCycles cycles;
    /** Holds a cycle at its start while a test looks at what happens meanwhile. */
    final CycleHold hold;
    final Desk desk;
    final DeskServer server;
    private final RuleEngine rules;
    private final ExecutorService workers;

    private DeskFixture(Path dir, AppContext ctx, MutableClock clock, TradingSystem orders, ApprovalService approvals, RuleEngine rules,
                        ExecutorService workers, TradingLoop loop, DeskCycles cycles, CycleHold hold, Desk desk, DeskServer server) {
        this.dir = dir;
        this.ctx = ctx;
        this.clock = clock;
        this.orders = orders;
        this.approvals = approvals;
        this.rules = rules;
        this.workers = workers;
        this.loop = loop;
        this.cycles = cycles;
        this.hold = hold;
        this.desk = desk;
        this.server = server;
    }

    /** {@code token}: the web token in the environment, or null for none. */
    static DeskFixture start(Path dir, String token) throws IOException {
        return start(dir, token, false);
    }

    /**
     * {@code skillGate}: keep the committed rules' skill gate on, so the committed model (no out-of-sample record)
     * makes no intent and every BUY is refused with the gate's reason; off, as a trader on the simulator might.
     */
    static DeskFixture start(Path dir, String token, boolean skillGate) throws IOException {
        // The trader's rules with a lower confidence bar, so one cycle of the committed models makes several intents.
        Path cfg = TradingDayConfig.withModels(dir);
        if (skillGate) TestRules.copy(dir.resolve("rules"));   // the committed rules as they are
        Map<String, String> env = new HashMap<>();
        if (token != null) env.put("AUTOTRADER_WEB_TOKEN", token);
        AppContext ctx = new AppContext(new ConfigLoader(env).load(cfg));
        MutableClock clock = new MutableClock(CYCLE_AT);
        TradingSystem orders = ctx.trading(clock::instant, Notifier.log());
        orders.reconciler().reconcile();   // as the daemon does before any job: the first account snapshot
        ApprovalService approvals = orders.approvals();
        RuleEngine rules = orders.rules(dir.resolve("rules"), (kind, m) -> {
            throw new AssertionError("rules refused: " + m);
        });
        ExecutorService workers = Executors.newFixedThreadPool(2);
        TradingLoop loop = orders.loop(ctx.cycleRunner(workers, true), rules, ModelVersions.of(ctx))
                .readsSkillFrom(ctx.loaded().resolve(ctx.config().ensemble.modelDir), "models/ensemble");
        CycleHold hold = new CycleHold();
        DeskCycles cycles = new DeskCycles(at -> {
            hold.enter();
            return loop.cycle(at);
        }, clock);
        Desk desk = new Desk("paper", ctx.store(), orders.orders(), approvals, LastPrice.from(ctx.market()), clock, "test clock",
                ctx.market(), () -> rules.version().label(), cycles, dir.resolve("state/backtests"), rules, loop::tradingGate);
        DeskServer server = DeskServer.start(WebSettings.from(ctx.config().web), desk);
        return new DeskFixture(dir, ctx, clock, orders, approvals, rules, workers, loop, cycles, hold, desk, server);
    }

    String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    /** Paper fills and the reconciler's account snapshot at the clock's time, as the monitor and reconcile jobs make them. */
    void monitorAndSnapshot() {
        loop.monitor();
        orders.reconciler().reconcile();
    }

    int entryOrders(long intentId) {
        return ctx.store().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE intent_ref = ? AND role = 'ENTRY'")
                .bind(0, "intent-" + intentId).mapTo(Integer.class).one());
    }

    int allEntryOrders() {
        return ctx.store().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE role = 'ENTRY'").mapTo(Integer.class).one());
    }

    @Override
    public void close() {
        server.close();
        rules.close();
        workers.shutdownNow();
    }

    /** A gate at the start of every desk cycle: closed, a cycle says it has started and waits until the test opens it. */
    static final class CycleHold {
        private volatile CountDownLatch open = new CountDownLatch(0);
        private volatile CountDownLatch entered = new CountDownLatch(1);

        void close() {
            entered = new CountDownLatch(1);
            open = new CountDownLatch(1);
        }

        void open() {
            open.countDown();
        }

        /** Waits (up to a minute) until a cycle is held at the gate. */
        void awaitHeldCycle() throws InterruptedException {
            if (!entered.await(60, TimeUnit.SECONDS)) throw new AssertionError("no cycle reached the gate within 60 s");
        }

        private void enter() {
            entered.countDown();
            try {
                if (!open.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("the test never opened the cycle gate");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
