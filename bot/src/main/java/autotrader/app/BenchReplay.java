package autotrader.app;

import autotrader.backtest.BacktestEngine;
import autotrader.backtest.BacktestResult;
import autotrader.backtest.EnsembleSource;
import autotrader.config.AppConfig;
import autotrader.config.LoadedConfig;
import autotrader.ensemble.EnsembleStore;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.predict.Predictors;
import autotrader.progress.ProgressBars;
import autotrader.rules.ModelSkill;
import autotrader.scan.Cadence;
import autotrader.trading.TradingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The research loop's speed: a fixed window replayed at the strategy's cadence through the backtest
 * engine (the daemon's TradingLoop, rules and paper fills), with fixed models and no look-ahead
 * recomputation. Reports cycles per second, the first cycle, per-stage medians and resident memory,
 * and what the whole intraday window would take at that rate. The models are only timed here: this
 * command makes no claim about their skill and does not check their training dates.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Time a replay of a fixed window at the strategy's cadence (default: csv source, 2025-12-01..2025-12-05, every 5 minutes), "
                + "fixed models, rules and paper fills included: cycles/s, per-stage medians, resident memory.")
final class BenchReplay implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    StrategyOption strategyOption;

    @Option(names = "--from", defaultValue = "2025-12-01", description = "First session (default ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", defaultValue = "2025-12-05", description = "Last session (default ${DEFAULT-VALUE}).")
    LocalDate to;

    @Option(names = "--cadence", paramLabel = "5m|15m|30m|1h|1d", description = "Decision cadence (default: the strategy's).")
    String cadence;

    @Option(names = "--ensemble", paramLabel = "DIR", description = "Ensemble folder (default: ensemble.model_dir).")
    Path ensembleDir;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--full-window", paramLabel = "FROM..TO", defaultValue = "2025-10-01..2026-03-13",
            description = "Window whose replay time is projected from the measured rate (default ${DEFAULT-VALUE}).")
    String fullWindow;

    @Override
    public Integer call() throws IOException {
        LoadedConfig loaded = strategyOption.applyTo(config.load());
        AppContext ctx = new AppContext(loaded);
        AppConfig cfg = ctx.config();
        MarketData market = ctx.market();
        MarketCalendar cal = ctx.calendar();
        Cadence c = cadence != null ? parse(cadence) : ctx.strategy().cadence();
        Path dir = ensembleDir != null ? ensembleDir : loaded.resolve(cfg.ensemble.modelDir);
        if (!Files.exists(dir.resolve("manifest.json"))) throw new BadInputException("no trained ensemble in " + dir + " (manifest.json missing)");
        Path work = Files.createTempDirectory("bench-replay");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        List<Double> totals = new ArrayList<>();
        long[] peakRss = {0};
        try {
            Predictors predictors = new Predictors(loaded.resolve(cfg.predict.modelsDir)).threads(Math.max(1, threads));
            BacktestEngine engine = new BacktestEngine(cfg, market, cal, ctx.strategy(), predictors, loaded.resolve("rules"),
                    EnsembleSource.fixed(EnsembleStore.load(dir), "bench: " + dir,
                            ModelSkill.read(dir, dir.getFileName().toString())), pool, s -> { })
                    .onEachCycle(r -> {
                        double total = 0;
                        for (var e : r.stageMs().entrySet()) {
                            stages.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                            total += e.getValue();
                        }
                        totals.add(total);
                        if (totals.size() % 20 == 0) peakRss[0] = Math.max(peakRss[0], Memory.residentKb());
                    })
                    .progressBars(ProgressBars.stderr());   // cycles done / total with an ETA, on stderr
            long t0 = System.nanoTime();
            BacktestResult r = engine.run(new BacktestEngine.Settings(from, to, work.resolve("bench.db"), 0, threads, c));
            double seconds = (System.nanoTime() - t0) / 1e9;
            peakRss[0] = Math.max(peakRss[0], Memory.residentKb());
            int cycles = r.counts().cycles();
            System.out.printf("bench replay (%s%s, %d symbols, strategy %s every %s, %d thread(s)): %s..%s, %d sessions, %d cycles, %d decisions, "
                            + "%d intents, %d fills%n", market.name(), market.simulated() && !market.name().contains("SIMULATED") ? ", SIMULATED" : "", market.universe().size(),
                    ctx.strategy().name, c, threads, r.from(), r.to(), r.days().size(), cycles, r.counts().decisions(), r.counts().intents(),
                    r.fills().size());
            System.out.printf("  wall %.1f s: %.2f cycles/s, %.0f ms per cycle (loop, rules, orders and the end-of-run report included)%n",
                    seconds, cycles / seconds, seconds * 1000 / Math.max(1, cycles));
            if (!totals.isEmpty()) {
                System.out.printf("  first cycle (cold) %.0f ms; pipeline per cycle after it: %s%n", totals.get(0),
                        BenchCommand.Timing.of(totals.subList(Math.min(1, totals.size() - 1), totals.size()).stream().mapToDouble(Double::doubleValue).toArray()));
            }
            stages.forEach((k, v) -> System.out.printf("    %-20s median %.0f ms%n", k,
                    BenchCommand.Timing.of(v.subList(Math.min(1, v.size() - 1), v.size()).stream().mapToDouble(Double::doubleValue).toArray()).median()));
            System.out.printf("  forecasts: %d reused, %d computed by the networks%n", predictors.reusedForecasts(), predictors.computedForecasts());
            System.out.printf("  resident memory: peak %.0f MB sampled (VmHWM %.0f MB), heap limit %.0f MB%n", peakRss[0] / 1024.0,
                    Memory.peakKb() / 1024.0, Runtime.getRuntime().maxMemory() / 1048576.0);
            projection(market, cal, c, cycles, seconds);
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    private void projection(MarketData market, MarketCalendar cal, Cadence c, int cycles, double seconds) {
        String[] parts = fullWindow.split("\\.\\.");
        if (parts.length != 2) throw new BadInputException("--full-window must be FROM..TO, not '" + fullWindow + "'");
        List<LocalDate> days = BacktestEngine.sessions(market, cal, LocalDate.parse(parts[0]), LocalDate.parse(parts[1]));
        long all = 0;
        for (LocalDate d : days) all += c.times(cal, d).size();
        System.out.printf("  the window %s (%d sessions, %d cycles) would take about %.0f min at this rate%n", fullWindow, days.size(), all,
                all * seconds / Math.max(1, cycles) / 60);
    }

    private static Cadence parse(String text) {
        try {
            return Cadence.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--cadence: " + e.getMessage());
        }
    }
}
