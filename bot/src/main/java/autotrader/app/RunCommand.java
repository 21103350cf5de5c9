package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.alerts.AlertKind;
import autotrader.approvals.ApprovalService;
import autotrader.alerts.GroupedNotifier;
import autotrader.alerts.Notifier;
import autotrader.approvals.TraderCommands;
import autotrader.approvals.LastPrice;
import autotrader.config.ConfigException;
import autotrader.ensemble.TrainingData;
import autotrader.rules.RuleEngine;
import autotrader.rules.RulesRefusedException;
import autotrader.telegram.TelegramBot;
import autotrader.telegram.TelegramSettings;
import autotrader.orders.Reconciler;
import autotrader.progress.ProgressBars;
import autotrader.retrain.LiveModels;
import autotrader.retrain.ModelFolderSwap;
import autotrader.rules.TradingGate;
import autotrader.scan.ScanResult;
import autotrader.scan.ScanService;
import autotrader.schedule.JobScheduler;
import autotrader.schedule.MarketClock;
import autotrader.schedule.SimClock;
import autotrader.store.RulesStateRepository;
import autotrader.store.Store;
import autotrader.trading.TradingLoop;
import autotrader.trading.TradingSystem;
import autotrader.web.Desk;
import autotrader.web.DeskServer;
import autotrader.web.WebSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon: Quartz jobs on the configured crons during NYSE hours, until Ctrl-C/SIGTERM.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Mixin
    StrategyOption strategyOption;

    @Option(names = "--speed", paramLabel = "N",
            description = "Sim source only: simulated seconds per wall second (default: market.sim.speed).")
    Double speed;

    @Option(names = "--start", paramLabel = "DATE",
            description = "Sim source only: the first simulated session (default: market.sim.clock_start, else the next session from today).")
    LocalDate start;

    @Option(names = "--days", paramLabel = "N", description = "Sim source only: stop after N simulated sessions.")
    Integer days;

    @Option(names = "--resume",
            description = "Sim source only: start the simulated clock where the last daemon on this state database was (its last heartbeat), e.g. after a crash. "
                    + "A plain run on a database a sim daemon already used does the same; a --start before the time it reached is refused.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config, strategyOption);
        AppConfig cfg = ctx.config();
        refuseSimulatedModelsOnRealPrices(ctx);
        // Everything for the trader goes through one grouping notifier in front of Telegram (connected
        // once it is up): job errors, the order layer's alerts and, whoever built the Schwab login, its alerts.
        // traderAlerts logs every alert first; only what reaches Telegram is grouped.
        AtomicReference<Notifier> notifyTo = new AtomicReference<>(Notifier.NONE);
        GroupedNotifier notifier = new GroupedNotifier((kind, text) -> notifyTo.get().alert(kind, text), GroupedNotifier.DEFAULT_WINDOW);
        Notifier traderAlerts = Notifier.logged(notifier);
        ctx.schwabAlertsTo(traderAlerts);
        MarketCalendar calendar = ctx.calendar();
        MarketData market = ctx.market();
        Store store = ctx.store();
        if (!market.simulated() && (speed != null || start != null || days != null || resume)) {
            throw new BadInputException("--speed, --start, --days and --resume work only with market.source: sim");
        }
        if (resume && start != null) throw new BadInputException("--resume and --start exclude each other");
        if (days != null && days < 1) throw new BadInputException("--days must be at least 1");

        MarketClock clock = market.simulated() ? simulatedClock(cfg, calendar, store) : MarketClock.system();
        log.info("autotrader starting: mode {} | market {} | state {} | clock {}", cfg.mode.label().toUpperCase(),
                market.name() + (ctx.source().why() == null ? "" : " (market.source auto)"), store.file(), clockLabel(clock));
        if (market.simulated()) log.warn("SIMULATED MARKET: prices come from the built-in simulator, not from a real market");
        store.audit("daemon", "start", "mode=" + cfg.mode.label() + " market=" + market.name());

        // Before any job: settle what a crash may have left unknown, so nothing is sent twice or forgotten.
        // Alerts go to the log and, once it is up, to Telegram (which needs the approval service, which needs the orders).
        TradingSystem trading = ctx.trading(clock::instant, traderAlerts);
        Reconciler.Report reconciled = trading.reconciler().reconcile();
        log.info("reconciled with the {} broker before starting: {}", cfg.mode.label(), reconciled);
        // On the Schwab source: the streamer's 1-minute bars and (live) account activity; REST covers any gap.
        SchwabStreamWiring stream = SchwabStreamWiring.start(ctx, market, trading.orders(), traderAlerts);

        ApprovalService approvals = trading.approvals();
        var resumed = approvals.resumeInterrupted();
        if (!resumed.isEmpty()) log.warn("finished {} approval(s) a previous run left half done: {}", resumed.size(),
                resumed.stream().map(o -> "intent " + o.intentId() + " " + o.kind()).collect(Collectors.joining(", ")));
        TelegramBot telegram = null;
        var rulesRef = new AtomicReference<RuleEngine>();   // set once loaded below: Telegram's /reload
        // The trading loop once built below: whether its rules let the model's BUYs through, for /status, /signals and the desk.
        var loopRef = new AtomicReference<TradingLoop>();
        Supplier<TradingGate> gate = () -> loopRef.get() == null ? null : loopRef.get().tradingGate();
        if (cfg.telegram.enabled) {
            telegram = new TelegramBot(TelegramSettings.from(cfg), approvals,
                    new TraderDesk(cfg.mode.shown(market.simulated()), store, trading.orders(), approvals, LastPrice.from(market), clock, rulesRef::get, gate), store)
                    .showsEvidenceFrom(gate);
            notifyTo.set(telegram);
            if (!telegram.start()) log.warn("Telegram is not reachable yet; trading goes on and the bot keeps retrying");
        } else {
            log.info("Telegram is off: approve intents with `autotrader approve ID` / `reject ID`"
                    + (cfg.approvals.paperAutoApprove && ctx.loaded().isPaper() ? " (paper auto-approve is on)" : ""));
        }
        TelegramBot tg = telegram;
        AtomicReference<DeskServer> web = new AtomicReference<>();
        // Every new intent: one line saying how to approve it and until when on the trader's clock, then Telegram's buttons.
        approvals.connect(new ApprovalHints(tg, () -> web.get() == null ? null : web.get().url(), approvals::wallDeadline));

        // The trader's rule files: compiled now (a broken set stops start-up), then watched so an edit
        // takes effect for the next decision; a broken edit is refused and the last good rules stay.
        RuleEngine rules;
        try {
            rules = trading.rules(ctx.loaded().resolve("rules"), traderAlerts);
        } catch (RulesRefusedException e) {
            throw new ConfigException(ctx.loaded().resolve("rules") + ": the rules do not compile:\n" + e.getMessage());
        }
        rules.watch(Duration.ofMillis(300));
        rulesRef.set(rules);
        rules.onState(new RulesStateRepository(store.jdbi())::save);   // `status` and the desk show refusals
        log.info("rules {} loaded from {}; watching for edits", rules.version().label(), rules.dir());

        ScanService scans = ctx.scanService(Clock.systemUTC());
        CountDownLatch done = new CountDownLatch(1);
        JobScheduler scheduler = new JobScheduler(clock, calendar);
        // Runs and plans go to SQLite: `status` reads them, and the next start knows what it missed.
        store.jobs().clearRunning();
        scheduler.journal(store.jobs());
        var missed = cfg.schedule.missedRuns;
        scheduler.holdClockWhile("cycle");
        scheduler.holdClockWhile("scan");
        scheduler.holdClockWhile("retrain");
        if (days != null) {
            LocalDate last = calendar.dateAt(clock.instant());
            if (!calendar.isTradingDay(last) || !clock.instant().isBefore(calendar.closeInstant(last))) last = calendar.nextTradingDay(last);
            for (int i = 1; i < days; i++) last = calendar.nextTradingDay(last);
            // An hour past the last close, so the after-close jobs (daily summary) still run.
            scheduler.stopAfter(calendar.closeInstant(last).plusSeconds(3600), done::countDown);
            log.info("will stop after the session of {}", last);
        }
        ExecutorService workers = Executors.newFixedThreadPool(2);
        DeskCycles cycles = null;
        Path modelDir = ctx.loaded().resolve(cfg.ensemble.modelDir);
        ModelFolderSwap.recover(modelDir); // a retrain that crashed mid-swap leaves the old or the new set
        if (Files.exists(modelDir.resolve("manifest.json"))) {
            // The whole loop: cycle -> rules -> approval (-> order), and the open orders read back for fills and stops.
            // The models are re-read between cycles when a retrain replaced them on disk.
            // ...and when a retrain swapped the predictors folder (each new runner reads the zips as they are then).
            LiveModels live = new LiveModels(modelDir,
                    List.of(ctx.loaded().resolve(cfg.predict.modelsDir)), e -> ctx.cycleRunner(workers, e),
                    () -> ModelVersions.of(ctx));
            TradingLoop loop = trading.loop(live.current().runner(), rules, live.current().versions()).followModels(live).readsSkillFrom(modelDir, cfg.ensemble.modelDir);
            loopRef.set(loop);
            // Said at start-up, plainly: a model without out-of-sample skill is scanned and decided, but nothing it says is bought.
            var startGate = loop.tradingGate();
            // A warning also when it trades without a record, or with one below t 3 (the gate switched off): nobody has shown
            // that it earns its costs. (3 is the usual bar for a new signal, the default MIN_IC_T; the rules decide, this is the log level.)
            if (startGate.trading() && startGate.model().isKnown() && startGate.model().getIcT() >= 3.0) log.info("{}", startGate.line());
            else log.warn("{}", startGate.line());
            loop.warmUp(clock.instant(), ProgressBars.stderr());
            // One cycle at a time, whether the schedule or the desk's "run one now" starts it.
            cycles = new DeskCycles(loop, clock);
            scheduler.schedule("cycle", cfg.schedule.scanCron, cfg.schedule.marketHoursOnly, missed.cycle, cycles::cycle);
            scheduler.schedule("monitor", cfg.schedule.monitorCron, cfg.schedule.marketHoursOnly, asOf -> loop.monitor());
        } else {
            log.warn("no trained ensemble in {}: scanning only (run `autotrader train ensemble`); trading: no", ctx.loaded().resolve(cfg.ensemble.modelDir));
            scheduler.schedule("scan", cfg.schedule.scanCron, cfg.schedule.marketHoursOnly, missed.cycle, asOf -> {
                ScanResult r = scans.scan(asOf);
                long id = store.scans().save(r);
                log.info("scan #{} as of {}: {} scored, {} skipped, {} ms; top: {}", id, ScanReport.when(asOf), r.scanned(),
                        r.skipped().size(), r.durationMs(), r.candidates().stream().limit(5)
                                .map(c -> c.symbol() + " " + Math.round(c.momentum().score())).collect(Collectors.joining(", ")));
            });
        }
        // One clean stop, whichever comes first: SIGTERM/Ctrl-C (the hook) or the end of --days.
        AtomicBoolean stopped = new AtomicBoolean();
        ScheduledExecutorService heartbeat = heartbeat(store, clock, cfg.mode.label());
        Runnable stop = () -> {
            if (!stopped.compareAndSet(false, true)) return;
            log.info("stopping: waiting for running jobs to finish");
            // The desk first: no approval or cycle from the web starts while the jobs wind down.
            if (web.get() != null) web.get().close();
            scheduler.shutdown(true);
            stream.close();
            workers.shutdownNow();
            heartbeat.shutdownNow();
            store.jobs().stopped();
            rules.close();
            notifier.close();   // held-back follow-ups go out before Telegram's outbox drains
            if (tg != null) tg.close();
            store.audit("daemon", "stop", null);
            log.info("autotrader stopped");
        };
        // Expire intents nobody approved in time (and edit their Telegram messages). Approvals check
        // expiry themselves too, so the sweep only needs to run while intents are being made.
        scheduler.schedule("expire-intents", "*/15 * 9-16 ? * MON-FRI", cfg.schedule.marketHoursOnly, asOf -> {
            if (tg != null) tg.expireStale();
            else approvals.expireDue();
        });
        scheduler.onJobError((job, e) -> notifier.alert(AlertKind.JOB_ERROR, "job " + job + " failed: " + e.getMessage()));
        TraderDesk desk = new TraderDesk(cfg.mode.shown(market.simulated()), store, trading.orders(), approvals, LastPrice.from(market), clock, rulesRef::get, gate);
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
        if (cfg.web.enabled) {
            // The desk view: the same approval service, orders and loop as everything above.
            String clockLabel = clockLabel(clock);
            Desk deskView = new Desk(cfg.mode.label(), store, trading.orders(), approvals, LastPrice.from(market), clock, clockLabel, market,
                    () -> rules.version().label(), cycles, ctx.loaded().resolve(cfg.state.db).toAbsolutePath().getParent().resolve("backtests"), rules,
                    gate);
            try {
                web.set(DeskServer.start(WebSettings.from(cfg.web), deskView));
            } catch (IllegalStateException e) {
                stop.run();
                throw new ConfigException(ctx.loaded().file() + ": key 'web.port': " + e.getMessage()
                        + "; choose another web.port (0 = any free port) or set web.enabled: false");
            }
        }
        Thread hook = new Thread(() -> {
            stop.run();
            done.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable restoreSignals = stopOnSignals(() -> {
            stop.run();
            done.countDown();
        });
        scheduler.start();
        log.info("first cycle at {} (market time)", ScanReport.when(scheduler.nextRun(scheduler.nextRun("cycle") != null ? "cycle" : "scan")));
        done.await();
        stop.run();
        restoreSignals.run();   // a process that goes on (a test JVM) gets its own signal handling back
        return 0;
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

    private static String clockLabel(MarketClock clock) {
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

    /** Real prices (csv or Schwab, paper or live) are never decided by a model trained on simulated bars: exit 2, before anything starts. */
    static void refuseSimulatedModelsOnRealPrices(AppContext ctx) {
        if (ctx.config().market.source == AppConfig.Source.SIM) return;
        Path dir = ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        TrainingData.refusalForRealPrices(dir).ifPresent(why -> {
            throw new ConfigException(ctx.loaded().file() + ": key 'ensemble.model_dir': " + why + ", and market.source is "
                    + ctx.config().market.source.name().toLowerCase() + ". Point ensemble.model_dir at a model trained on real bars "
                    + "(models/ensemble-1d: the csv daily bars; its card says so) or train one (`autotrader train ensemble` on this source).");
        });
    }

    /** How often the heartbeat is written; `status` calls a daemon dead after three missed beats. */
    static final int HEARTBEAT_SECONDS = 5;

    /**
     * A plain `run` on a state database a sim daemon already used continues where it stopped, as
     * --resume does: starting again at the configured first session would decide the same simulated
     * times twice (every signal twice on the desk). A --start before the time already reached is
     * refused for the same reason; a fresh account needs a fresh state.db.
     */
    private SimClock simulatedClock(AppConfig cfg, MarketCalendar calendar, Store store) {
        var last = store.jobs().heartbeat();
        if (resume || (start == null && last.isPresent())) {
            if (!resume) log.info("this state database already holds a simulated run: continuing it (a fresh account needs another state.db)");
            return resumedSimClock(cfg, store);
        }
        SimClock fresh = simClock(cfg, calendar);
        if (last.isPresent() && fresh.instant().isBefore(reachedMarketTime(store, last.get().marketTime()))) {
            throw new BadInputException("--start " + start + " is before the simulated time this state database already reached ("
                    + ScanReport.when(reachedMarketTime(store, last.get().marketTime())) + "): its decisions would be made twice; "
                    + "use --resume (or no --start), or another state.db for a fresh account");
        }
        return fresh;
    }

    /** The latest market time the previous daemon is known to have reached: its last heartbeat, or a job run after it. */
    private static Instant reachedMarketTime(Store store, Instant heartbeat) {
        return store.jobs().all().stream().map(j -> j.lastAsOf()).filter(Objects::nonNull)
                .reduce(heartbeat, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The sim clock where the previous daemon on this database last was, so a restart continues rather than replays. */
    private SimClock resumedSimClock(AppConfig cfg, Store store) {
        var last = store.jobs().heartbeat()
                .orElseThrow(() -> new BadInputException("--resume: no daemon has run on " + store.file() + " yet; use --start"));
        // Heartbeats are 5 s of wall time apart, minutes of simulated time: a job run may have gone further.
        Instant at = reachedMarketTime(store, last.marketTime());
        log.info("resuming the simulated clock at {}, where the previous daemon (pid {}) was", ScanReport.when(at), last.pid());
        return new SimClock(at, speed != null ? speed : cfg.market.sim.speed);
    }

    private SimClock simClock(AppConfig cfg, MarketCalendar calendar) {
        LocalDate first = start != null ? start : cfg.market.sim.clockStart;
        if (first == null) {
            Instant now = Instant.now();
            LocalDate today = calendar.dateAt(now);
            first = calendar.isTradingDay(today) && now.isBefore(calendar.closeInstant(today)) ? today : calendar.nextTradingDay(today);
        }
        if (!calendar.isTradingDay(first)) first = calendar.nextTradingDay(first);
        if (first.isBefore(cfg.market.sim.startDate.plusDays(45))) {
            throw new BadInputException("--start " + first + " leaves too little simulated history: the simulator starts on "
                    + cfg.market.sim.startDate + " and the scanner needs about 30 sessions before the first scan");
        }
        return new SimClock(calendar.openInstant(first).minusSeconds(60), speed != null ? speed : cfg.market.sim.speed);
    }
}
