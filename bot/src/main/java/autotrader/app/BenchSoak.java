package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.config.AppConfig;
import autotrader.config.LoadedConfig;
import autotrader.market.MarketCalendar;
import autotrader.rules.RuleEngine;
import autotrader.schedule.ReplayClock;
import autotrader.trading.TradingLoop;
import autotrader.trading.TradingSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several simulated trading days through the daemon's own loop (cycle -> rules -> paper
 * auto-approval -> orders, and the order monitor), as fast as the machine runs it, in one JVM, on a
 * fresh state database: resident memory at the start and end of each day, cycles, cycle time and
 * errors. Paper mode and the sim source only.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run N simulated trading days through the daemon's loop at full speed; report memory, cycle times and errors per day.")
final class BenchSoak implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--days", defaultValue = "5", description = "Trading days (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--start", defaultValue = "2024-10-21", description = "First day (default ${DEFAULT-VALUE}).")
    LocalDate start;

    @Override
    public Integer call() throws Exception {
        LoadedConfig base = config.load();
        if (base.config().market.source != AppConfig.Source.SIM || !base.isPaper()) {
            throw new BadInputException("bench soak runs in paper mode on market.source: sim");
        }
        Path state = Files.createTempDirectory("autotrader-soak");
        AppConfig cfg = base.config();
        cfg.state.db = state.resolve("soak.db").toString();
        cfg.approvals.paperAutoApprove = true;
        AppContext ctx = new AppContext(base);
        MarketCalendar cal = ctx.calendar();
        LocalDate day = cal.isTradingDay(start) ? start : cal.nextTradingDay(start);
        ReplayClock clock = new ReplayClock(cal.openInstant(day));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        TradingSystem system = ctx.trading(clock::instant, Notifier.log());
        try (RuleEngine rules = system.rules(ctx.loaded().resolve("rules"), (kind, m) -> System.err.println("rules refused: " + m))) {
            TradingLoop loop = system.loop(ctx.cycleRunner(workers, true), rules, ModelVersions.of(ctx)).readsSkillFrom(ctx.loaded().resolve(cfg.ensemble.modelDir), cfg.ensemble.modelDir);
            // As the daemon: the model's card decides whether its BUYs trade (no intents when the skill gate refuses them).
            System.out.println(loop.tradingGate().line());
            System.out.printf("bench soak: %d SIMULATED trading days from %s, paper auto-approve, state in %s%n", days, day, state);
            System.out.printf("%-11s %6s %9s %9s %6s %7s %11s %9s%n", "day", "cycles", "median ms", "worst ms", "errors", "intents",
                    "RSS start MB", "RSS end MB");
            int totalErrors = 0;
            for (int d = 0; d < days; d++, day = cal.nextTradingDay(day)) {
                long rssStart = rssMb();
                List<Double> ms = new ArrayList<>();
                int errors = 0, intents = 0;
                for (Instant t = cal.openInstant(day); t.isBefore(cal.closeInstant(day)); t = t.plus(Duration.ofMinutes(5))) {
                    clock.set(t);
                    long s = System.nanoTime();
                    try {
                        var ev = loop.cycle(t);
                        if (ev != null) intents += ev.intents().size();
                    } catch (RuntimeException e) {
                        errors++;
                        System.err.println("cycle " + t + " failed: " + e);
                    }
                    ms.add((System.nanoTime() - s) / 1e6);
                    for (int k = 1; k <= 4; k++) {      // the monitor every 75 s of market time between cycles
                        clock.set(t.plusSeconds(75L * k));
                        try {
                            loop.monitor();
                        } catch (RuntimeException e) {
                            errors++;
                            System.err.println("monitor " + t + " failed: " + e);
                        }
                    }
                }
                totalErrors += errors;
                var timing = BenchCommand.Timing.of(ms.stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf("%-11s %6d %9.0f %9.0f %6d %7d %11d %9d%n", day, ms.size(), timing.median(),
                        ms.stream().mapToDouble(Double::doubleValue).max().orElse(0), errors, intents, rssStart, rssMb());
            }
            System.out.printf("errors: %d%n", totalErrors);
            return totalErrors == 0 ? 0 : 1;
        } finally {
            workers.shutdownNow();
        }
    }

    /** Resident set size of this process, from /proc (Linux). */
    private static long rssMb() {
        long kb = Memory.residentKb();
        return kb < 0 ? -1 : kb / 1024;
    }
}
