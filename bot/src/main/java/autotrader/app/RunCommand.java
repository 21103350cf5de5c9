package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.config.ConfigException;
import autotrader.ensemble.TrainingData;
import autotrader.schedule.MarketClock;
import autotrader.schedule.SimClock;
import autotrader.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.Callable;

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
        MarketData market = ctx.market();
        if (!market.simulated() && (speed != null || start != null || days != null || resume)) {
            throw new BadInputException("--speed, --start, --days and --resume work only with market.source: sim");
        }
        if (resume && start != null) throw new BadInputException("--resume and --start exclude each other");
        if (days != null && days < 1) throw new BadInputException("--days must be at least 1");
        MarketClock clock = market.simulated() ? simulatedClock(cfg, ctx.calendar(), ctx.store()) : MarketClock.system();
        new Daemon(ctx, clock).run(days);
        return 0;
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
