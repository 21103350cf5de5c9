package autotrader.app;

import autotrader.market.Bar;
import autotrader.market.ForwardingMarketData;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.market.csv.RecordedMarket;
import autotrader.market.sim.SimMarket;
import autotrader.pipeline.CycleResult;
import autotrader.pipeline.CycleRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Whole cycles as the daemon runs them: every 5 market minutes, the universe scanned and the 50
 * candidates taken through every stage, on the sim source (1,453 symbols) or the csv source (the real
 * 5-minute universe of ../shared/data). The first cycles fill the bar caches and the feature-row cache
 * (reported apart); the timed ones are the steady state a running daemon sees. On the sim, part of each
 * cycle is the simulator generating minute bars, which a real source does not pay.
 */
@Command(name = "cycle", mixinStandardHelpOptions = true,
        description = "Time whole pipeline cycles on the configured source (sim: 1,453 symbols; csv: the recorded universe), 50 candidates through every stage, per stage.")
final class BenchCycle implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--cycles", defaultValue = "12", description = "Timed cycles, 5 market minutes apart (default ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed cycles first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--as-of", description = "First cycle's market time, New York (default: 2024-10-21T10:30 on sim, 2025-12-01T10:30 on csv).")
    String asOf;

    @Override
    public Integer call() {
        AppContext ctx = AppContext.from(config);
        boolean sim = ctx.market() instanceof SimMarket;
        if (!sim && !(ctx.market() instanceof RecordedMarket)) throw new BadInputException("bench cycle runs on market.source sim, csv or store");
        if (asOf == null) asOf = sim ? "2024-10-21T10:30" : "2025-12-01T10:30";
        Instant t = AsOf.parse(asOf, ctx.calendar());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            TimedMarket market = new TimedMarket(ctx.market());
            CycleRunner runner = ctx.cycleRunner(pool, true, market);
            long c0 = System.nanoTime();
            CycleResult first = runner.run(t);
            double coldMs = (System.nanoTime() - c0) / 1e6;
            double coldSourceMs = market.nanos() / 1e6;
            for (int i = 1; i < warmup; i++) runner.run(t = next(t));
            List<Double> totals = new ArrayList<>();
            Map<String, List<Double>> stages = new LinkedHashMap<>();
            List<Double> sourceMs = new ArrayList<>();
            int decisions = 0;
            for (int i = 0; i < cycles; i++) {
                t = next(t);
                long s = System.nanoTime();
                long inSource = market.nanos();
                CycleResult r = runner.run(t);
                totals.add((System.nanoTime() - s) / 1e6);
                sourceMs.add((market.nanos() - inSource) / 1e6);
                r.stageMs().forEach((k, v) -> stages.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                decisions += r.decisions().size();
            }
            System.out.printf("bench cycle (%s, %d symbols, %d thread(s)): %d timed cycles from %s, %d decisions%n",
                    sim ? "SIMULATED market" : ctx.market().name(), ctx.market().universe().size(), threads, cycles, asOf, decisions);
            System.out.printf("  first cycle (cold: JIT, model loading, empty caches): %.0f ms (%s)%n", coldMs, CycleCommand.stages(first));
            System.out.printf("    of which inside the market source (%s): %.0f ms, summed over threads%n",
                    sim ? "the simulator generating bars" : "reading recorded bars", coldSourceMs);
            System.out.printf("  whole cycle: %s%n", BenchCommand.Timing.of(totals.stream().mapToDouble(Double::doubleValue).toArray()));
            stages.forEach((k, v) -> System.out.printf("    %-20s median %.0f ms%n", k,
                    BenchCommand.Timing.of(v.stream().mapToDouble(Double::doubleValue).toArray()).median()));
            System.out.printf("  of which inside the market source (%s): median %.0f ms per cycle, summed over threads%n",
                    sim ? "the simulator generating bars" : "reading recorded bars", BenchCommand.Timing.of(
                            sourceMs.stream().mapToDouble(Double::doubleValue).toArray()).median());
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The source with the time spent in its calls counted (all threads together): the simulator's cost is the bench's, not the pipeline's. */
    private static final class TimedMarket extends ForwardingMarketData {
        private final AtomicLong nanos = new AtomicLong();

        TimedMarket(MarketData inner) {
            super(inner);
        }

        long nanos() {
            return nanos.get();
        }

        private <T> T timed(Supplier<T> call) {
            long s = System.nanoTime();
            try {
                return call.get();
            } finally {
                nanos.addAndGet(System.nanoTime() - s);
            }
        }

        @Override
        public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
            return timed(() -> inner.bars(symbol, timeframe, asOf, count));
        }

        @Override
        public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
            return timed(() -> inner.sessionSoFar(symbol, asOf));
        }

        @Override
        public void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
            timed(() -> {
                inner.prepareScan(symbols, asOf, dailyBars);
                return null;
            });
        }

        @Override
        public void candidatesChosen(List<String> symbols, Instant asOf) {
            timed(() -> {
                inner.candidatesChosen(symbols, asOf);
                return null;
            });
        }
    }

    /** The next cycle time, 5 market minutes on, jumping to the next session's open after the close. */
    private static Instant next(Instant t) {
        Instant n = t.plus(Duration.ofMinutes(5));
        MarketCalendar cal = MarketCalendar.nyse();
        return cal.isOpen(n) ? n : cal.nextOpen(n).plus(Duration.ofMinutes(30));
    }
}
