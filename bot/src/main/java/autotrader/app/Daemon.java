package autotrader.app;

import autotrader.alerts.AlertKind;
import autotrader.alerts.GroupedNotifier;
import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.approvals.TraderCommands;
import autotrader.config.AppConfig;
import autotrader.config.ConfigException;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.orders.Reconciler;
import autotrader.progress.ProgressBars;
import autotrader.retrain.LiveModels;
import autotrader.retrain.ModelFolderSwap;
import autotrader.rules.RuleEngine;
import autotrader.rules.RulesRefusedException;
import autotrader.rules.TradingGate;
import autotrader.scan.ScanResult;
import autotrader.scan.ScanService;
import autotrader.schedule.JobScheduler;
import autotrader.schedule.MarketClock;
import autotrader.schedule.SimClock;
import autotrader.store.RulesStateRepository;
import autotrader.store.Store;
import autotrader.telegram.TelegramBot;
import autotrader.telegram.TelegramSettings;
import autotrader.trading.TradingLoop;
import autotrader.trading.TradingSystem;
import autotrader.web.Desk;
import autotrader.web.DeskServer;
import autotrader.web.WebSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The daemon `run` starts, in the order it comes up: the trader's alerts, the order layer
 * (reconciled before anything else), Telegram, the rules, the jobs (cycle and monitor, or scan only
 * without a model), the housekeeping jobs, the desk; and one clean stop. The trading objects come
 * from {@link TradingSystem}; this class only starts, schedules and stops them.
 */
final class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    /** How often the heartbeat is written; `status` calls a daemon dead after three missed beats. */
    static final int HEARTBEAT_SECONDS = 5;

    private final AppContext ctx;
    private final AppConfig cfg;
    private final MarketClock clock;
    private final MarketCalendar calendar;
    private final MarketData market;
    private final Store store;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    // Everything for the trader goes through one grouping notifier in front of Telegram (connected
    // once it is up): job errors, the order layer's alerts and, whoever built the Schwab login, its alerts.
    private final AtomicReference<Notifier> notifyTo = new AtomicReference<>(Notifier.NONE);
    private final GroupedNotifier notifier = new GroupedNotifier((kind, text) -> notifyTo.get().alert(kind, text), GroupedNotifier.DEFAULT_WINDOW);
    /** Logs every alert first; only what reaches Telegram is grouped. */
    private final Notifier traderAlerts = Notifier.logged(notifier);
    private final AtomicReference<RuleEngine> rulesRef = new AtomicReference<>();   // Telegram's /reload, once loaded
    /** The trading loop once built: whether its rules let the model's BUYs through, for /status, /signals and the desk. */
    private final AtomicReference<TradingLoop> loopRef = new AtomicReference<>();
    private final Supplier<TradingGate> gate = () -> loopRef.get() == null ? null : loopRef.get().tradingGate();
    private final AtomicReference<DeskServer> web = new AtomicReference<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private TradingSystem trading;
    private SchwabStreamWiring stream;
    private TelegramBot telegram;
    private RuleEngine rules;
    private JobScheduler scheduler;
    private DeskCycles cycles;
    private ScheduledExecutorService heartbeat;

    Daemon(AppContext ctx, MarketClock clock) {
        this.ctx = ctx;
        this.cfg = ctx.config();
        this.clock = clock;
        this.calendar = ctx.calendar();
        this.market = ctx.market();
        this.store = ctx.store();
        ctx.schwabAlertsTo(traderAlerts);
    }

    /** Starts everything, runs until SIGTERM/Ctrl-C or the end of {@code days} sessions (null: no end), then stops cleanly. */
    void run(Integer days) throws Exception {
        log.info("autotrader starting: mode {} | market {} | state {} | clock {}", cfg.mode.label().toUpperCase(),
                market.name() + (ctx.source().why() == null ? "" : " (market.source auto)"), store.file(), clockLabel(clock));
        if (market.simulated()) log.warn("SIMULATED MARKET: prices come from the built-in simulator, not from a real market");
        store.audit("daemon", "start", "mode=" + cfg.mode.label() + " market=" + market.name());
        startOrders();
        startTelegram();
        loadRules();
        scheduler = newScheduler(days);
        scheduleTrading();
        heartbeat = heartbeat(store, clock, cfg.mode.label());
        scheduleHousekeeping();
        startDesk();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndRelease, "shutdown"));
        Runnable restoreSignals = stopOnSignals(this::stopAndRelease);
        scheduler.start();
        log.info("first cycle at {} (market time)", ScanReport.when(scheduler.nextRun(scheduler.nextRun("cycle") != null ? "cycle" : "scan")));
        done.await();
        stop();
        restoreSignals.run();   // a process that goes on (a test JVM) gets its own signal handling back
    }

    /**
     * Before any job: settle what a crash may have left unknown, so nothing is sent twice or forgotten.
     * Alerts go to the log and, once it is up, to Telegram (which needs the approval service, which needs the orders).
     */
    private void startOrders() {
        trading = ctx.trading(clock::instant, traderAlerts);
        Reconciler.Report reconciled = trading.reconciler().reconcile();
        log.info("reconciled with the {} broker before starting: {}", cfg.mode.label(), reconciled);
        // On the Schwab source: the streamer's 1-minute bars and (live) account activity; REST covers any gap.
        stream = SchwabStreamWiring.start(ctx, market, trading.orders(), traderAlerts);
        var resumed = trading.approvals().resumeInterrupted();
        if (!resumed.isEmpty()) log.warn("finished {} approval(s) a previous run left half done: {}", resumed.size(),
                resumed.stream().map(o -> "intent " + o.intentId() + " " + o.kind()).collect(Collectors.joining(", ")));
    }

    private void startTelegram() {
        ApprovalService approvals = trading.approvals();
        if (cfg.telegram.enabled) {
            telegram = new TelegramBot(TelegramSettings.from(cfg), approvals, traderDesk(), store).showsEvidenceFrom(gate);
            notifyTo.set(telegram);
            if (!telegram.start()) log.warn("Telegram is not reachable yet; trading goes on and the bot keeps retrying");
        } else {
            log.info("Telegram is off: approve intents with `autotrader approve ID` / `reject ID`"
                    + (cfg.approvals.paperAutoApprove && ctx.loaded().isPaper() ? " (paper auto-approve is on)" : ""));
        }
        // Every new intent: one line saying how to approve it and until when on the trader's clock, then Telegram's buttons.
        approvals.connect(new ApprovalHints(telegram, () -> web.get() == null ? null : web.get().url(), approvals::wallDeadline));
    }

    /** What the trader reads on Telegram and in the daily summary. */
    private TraderDesk traderDesk() {
        return new TraderDesk(cfg.mode.shown(market.simulated()), store, trading.orders(), trading.approvals(), LastPrice.from(market), clock,
                rulesRef::get, gate);
    }

    /**
     * The trader's rule files: compiled now (a broken set stops start-up), then watched so an edit
     * takes effect for the next decision; a broken edit is refused and the last good rules stay.
     */
    private void loadRules() {
        Path dir = ctx.loaded().resolve("rules");
        try {
            rules = trading.rules(dir, traderAlerts);
        } catch (RulesRefusedException e) {
            throw new ConfigException(dir + ": the rules do not compile:\n" + e.getMessage());
        }
        rules.watch(Duration.ofMillis(300));
        rulesRef.set(rules);
        rules.onState(new RulesStateRepository(store.jdbi())::save);   // `status` and the desk show refusals
        log.info("rules {} loaded from {}; watching for edits", rules.version().label(), rules.dir());
    }

    private JobScheduler newScheduler(Integer days) {
        JobScheduler s = new JobScheduler(clock, calendar);
        // Runs and plans go to SQLite: `status` reads them, and the next start knows what it missed.
        store.jobs().clearRunning();
        s.journal(store.jobs());
        s.holdClockWhile("cycle");
        s.holdClockWhile("scan");
        s.holdClockWhile("retrain");
        if (days != null) {
            LocalDate last = calendar.dateAt(clock.instant());
            if (!calendar.isTradingDay(last) || !clock.instant().isBefore(calendar.closeInstant(last))) last = calendar.nextTradingDay(last);
            for (int i = 1; i < days; i++) last = calendar.nextTradingDay(last);
            // An hour past the last close, so the after-close jobs (daily summary) still run.
            s.stopAfter(calendar.closeInstant(last).plusSeconds(3600), done::countDown);
            log.info("will stop after the session of {}", last);
        }
        return s;
    }

    /** The cycle and monitor jobs over the trained model; without one, the scan alone. */
    private void scheduleTrading() throws IOException {
        var missed = cfg.schedule.missedRuns;
        Path modelDir = ctx.loaded().resolve(cfg.ensemble.modelDir);
        ModelFolderSwap.recover(modelDir); // a retrain that crashed mid-swap leaves the old or the new set
        if (!Files.exists(modelDir.resolve("manifest.json"))) {
            log.warn("no trained ensemble in {}: scanning only (run `autotrader train ensemble`); trading: no", modelDir);
            ScanService scans = ctx.scanService(Clock.systemUTC());
            scheduler.schedule("scan", cfg.schedule.scanCron, cfg.schedule.marketHoursOnly, missed.cycle, asOf -> {
                ScanResult r = scans.scan(asOf);
                long id = store.scans().save(r);
                log.info("scan #{} as of {}: {} scored, {} skipped, {} ms; top: {}", id, ScanReport.when(asOf), r.scanned(),
                        r.skipped().size(), r.durationMs(), r.candidates().stream().limit(5)
                                .map(c -> c.symbol() + " " + Math.round(c.momentum().score())).collect(Collectors.joining(", ")));
            });
            return;
        }
        // The whole loop: cycle -> rules -> approval (-> order), and the open orders read back for fills and stops.
        // The models are re-read between cycles when a retrain replaced them on disk, and when a retrain
        // swapped the predictors folder (each new runner reads the zips as they are then).
        LiveModels live = new LiveModels(modelDir, List.of(ctx.loaded().resolve(cfg.predict.modelsDir)), e -> ctx.cycleRunner(workers, e),
                () -> ModelVersions.of(ctx));
        TradingLoop loop = trading.loop(live.current().runner(), rules, live.current().versions()).followModels(live)
                .readsSkillFrom(modelDir, cfg.ensemble.modelDir);
        loopRef.set(loop);
        // Said at start-up, plainly: a model without out-of-sample skill is scanned and decided, but nothing it says is bought.
        var startGate = loop.tradingGate();
        // A warning also when it trades without a record, or with one below t 3 (the gate switched off): nobody has shown
        // that it earns its costs. (3 is the usual bar for a new signal, the default MIN_IC_T; the rules decide, this is the log level.)
        if (startGate.trading() && startGate.model().isKnown() && startGate.model().getIcT() >= 3.0) log.info("{}", startGate.line());
        else log.warn("{}", startGate.line());
        loop.warmUp(clock.instant(), ProgressBars.stderr());
        // One cycle at a time, whether the schedule or the desk's "run one now" starts it.
        cycles = new DeskCycles(loop::cycle, clock);
        scheduler.schedule("cycle", cfg.schedule.scanCron, cfg.schedule.marketHoursOnly, missed.cycle, cycles::cycle);
        scheduler.schedule("monitor", cfg.schedule.monitorCron, cfg.schedule.marketHoursOnly, asOf -> loop.monitor());
    }

    /** Expiring intents, job errors to the trader, the daily summary, the weekly retrain, reconciliation. */
    private void scheduleHousekeeping() {
        var missed = cfg.schedule.missedRuns;
        ApprovalService approvals = trading.approvals();
        // Expire intents nobody approved in time (and edit their Telegram messages). Approvals check
        // expiry themselves too, so the sweep only needs to run while intents are being made.
        scheduler.schedule("expire-intents", "*/15 * 9-16 ? * MON-FRI", cfg.schedule.marketHoursOnly, asOf -> {
            if (telegram != null) telegram.expireStale();
            else approvals.expireDue();
        });
        scheduler.onJobError((job, e) -> notifier.alert(AlertKind.JOB_ERROR, "job " + job + " failed: " + e.getMessage()));
        TraderDesk desk = traderDesk();
        scheduler.schedule("daily-summary", cfg.schedule.dailySummaryCron, false, missed.dailySummary, asOf -> {
            String summary = "Daily summary " + ScanReport.when(asOf) + "\n" + desk.pnl(TraderCommands.PnlPeriod.TODAY) + "\n"
                    + desk.positions() + "\n" + desk.signals();
            log.info("{}", summary);   // in the log too: with Telegram off it would otherwise go nowhere
            notifier.alert(AlertKind.DAILY_SUMMARY, summary);
        });
        if (cfg.retrain.enabled) {
            // Saturday, outside market hours: the cycle keeps its models until the retrain has swapped the folder whole.
            RetrainJob retrainJob = new RetrainJob(ctx, line -> log.info("{}", line));
            scheduler.schedule("retrain", cfg.retrain.cron, false, missed.retrain, retrainJob::run);
        }
        scheduler.schedule("reconcile", cfg.schedule.reconcileCron, cfg.schedule.marketHoursOnly, asOf -> {
            Reconciler.Report r = trading.reconciler().reconcile();
            if (!r.clean()) log.warn("reconcile at {}: {}", ScanReport.when(asOf), r);
        });
    }

    /** The desk view: the same approval service, orders and loop as everything above. */
    private void startDesk() {
        if (!cfg.web.enabled) return;
        Desk deskView = new Desk(cfg.mode.label(), store, trading.orders(), trading.approvals(), LastPrice.from(market), clock, clockLabel(clock),
                market, () -> rules.version().label(), cycles, ctx.loaded().resolve(cfg.state.db).toAbsolutePath().getParent().resolve("backtests"),
                rules, gate);
        try {
            web.set(DeskServer.start(WebSettings.from(cfg.web), deskView));
        } catch (IllegalStateException e) {
            stop();
            throw new ConfigException(ctx.loaded().file() + ": key 'web.port': " + e.getMessage()
                    + "; choose another web.port (0 = any free port) or set web.enabled: false");
        }
    }

    private void stopAndRelease() {
        stop();
        done.countDown();
    }

    /** One clean stop, whichever comes first: SIGTERM/Ctrl-C (the hook) or the end of --days. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        log.info("stopping: waiting for running jobs to finish");
        // The desk first: no approval or cycle from the web starts while the jobs wind down.
        if (web.get() != null) web.get().close();
        scheduler.shutdown(true);
        stream.close();
        workers.shutdownNow();
        if (heartbeat != null) heartbeat.shutdownNow();
        store.jobs().stopped();
        rules.close();
        notifier.close();   // held-back follow-ups go out before Telegram's outbox drains
        if (telegram != null) telegram.close();
        store.audit("daemon", "stop", null);
        log.info("autotrader stopped");
    }

    /**
     * Every few wall seconds the daemon writes that it is alive and what its market clock says, for
     * `status` in another process; a stale heartbeat without a clean stop means it died.
     */
    private static ScheduledExecutorService heartbeat(Store store, MarketClock clock, String mode) {
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now();
        String label = clockLabel(clock);
        var beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        beat.scheduleAtFixedRate(() -> {
            try {
                store.jobs().beat(pid, started, clock.instant(), label, mode);
            } catch (RuntimeException e) {
                log.warn("heartbeat not written: {}", e.toString());
            }
        }, 0, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        return beat;
    }

    static String clockLabel(MarketClock clock) {
        return clock.isSimulated() ? "simulated x" + ((SimClock) clock).speed() : "wall clock";
    }

    /**
     * SIGTERM (systemd, docker stop, kill) and SIGINT (Ctrl-C) stop the daemon cleanly and `run` then
     * exits 0, as a service manager expects of a clean stop; left to the JVM, a TERM ends the process
     * with 143 even after the shutdown hook finished every job. The hook stays for anything else that
     * ends the JVM.
     */
    private static Runnable stopOnSignals(Runnable cleanStop) {
        Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new LinkedHashMap<>();
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                previous.put(signal, sun.misc.Signal.handle(signal, sig -> {
                    log.info("SIG{} received", sig.getName());
                    cleanStop.run();
                }));
            } catch (IllegalArgumentException e) {
                log.debug("SIG{} cannot be handled here ({}); the shutdown hook stops the daemon", name, e.getMessage());
            }
        }
        return () -> previous.forEach(sun.misc.Signal::handle);
    }
}
