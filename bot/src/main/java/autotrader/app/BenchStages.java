package autotrader.app;

import autotrader.features.FeatureEngine;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.risk.GarchFit;
import autotrader.risk.RiskAssessment;
import autotrader.risk.RiskModel;
import autotrader.scan.Candidate;
import autotrader.scan.ScanService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Features + risk for the 50 candidates of a real sim scan, 6 timeframes x 100 bars each, bars
 * already in memory: the work a cycle does between loading bars and the models.
 */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = "Time features + risk for 50 sim candidates x 6 timeframes x 100 bars (bars in memory).")
final class BenchStages implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--repeats", defaultValue = "30", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}, the machine's cores).")
    int threads;

    @Option(names = "--as-of", defaultValue = "2024-06-12T11:00", description = "Market time (default ${DEFAULT-VALUE} New York).")
    String asOf;

    private record Work(String symbol, Timeframe tf, List<Bar> bars, List<Bar> spy, List<Bar> qqq) {
    }

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config);
        var sim = ctx.config().market.sim;
        SimMarket market = new SimMarket(new SimSettings(sim.seed, sim.symbols, sim.startDate));
        Instant when = AsOf.parse(asOf, ctx.calendar());
        List<Candidate> candidates = new ScanService(market, ctx.strategy(), MarketCalendar.nyse(), Clock.systemUTC()).scan(when).candidates();
        List<Work> work = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            // 101 bars: runs alternate between the windows ending one bar apart, as consecutive live cycles would.
            List<Bar> spy = market.bars("SPY", tf, when, 101), qqq = market.bars("QQQ", tf, when, 101);
            for (Candidate c : candidates) work.add(new Work(c.symbol(), tf, market.bars(c.symbol(), tf, when, 101), spy, qqq));
        }
        RiskModel risk = new RiskModel();
        GarchFit[] fits = new GarchFit[work.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double cold = runOnce(pool, work, risk, fits, 0);
            for (int i = 0; i < 6; i++) runOnce(pool, work, risk, fits, (i + 1) % 2);
            double[] ms = new double[repeats];
            for (int i = 0; i < repeats; i++) ms[i] = runOnce(pool, work, risk, fits, (i + 1) % 2);
            System.out.printf("bench stages (SIMULATED market, seed %d, as of %s): %d candidates x %d timeframes x 100 bars, %d thread(s)%n",
                    sim.seed, asOf, candidates.size(), Timeframe.values().length, threads);
            System.out.printf("  first run (cold JIT, no previous GARCH fits): %.1f ms%n", cold);
            System.out.printf("  features + risk, warm: %s%n", BenchCommand.Timing.of(ms));
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    /** One pass over all (candidate, timeframe) pairs; each GARCH fit warm-starts from the previous pass's. */
    private static double runOnce(ExecutorService pool, List<Work> work, RiskModel risk, GarchFit[] fits, int shift) throws Exception {
        long t0 = System.nanoTime();
        // One task per candidate (its six timeframes), as the cycle schedules the work.
        Map<String, List<Integer>> bySymbol = new LinkedHashMap<>();
        for (int i = 0; i < work.size(); i++) bySymbol.computeIfAbsent(work.get(i).symbol(), s -> new ArrayList<>()).add(i);
        List<Future<?>> futures = new ArrayList<>(bySymbol.size());
        for (List<Integer> group : bySymbol.values()) {
            futures.add(pool.submit(() -> {
                for (int k : group) {
                    Work w = work.get(k);
                    List<Bar> bars = window(w.bars(), shift);
                    new FeatureEngine(w.symbol(), w.tf()).latest(bars, null);
                    RiskAssessment a = risk.assess(bars, window(w.spy(), shift), window(w.qqq(), shift), null, fits[k]);
                    if (a.garchFit() != null) fits[k] = a.garchFit();
                }
            }));
        }
        for (Future<?> f : futures) f.get();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The 100 bars ending {@code 1 - shift} bars before the last one loaded. */
    private static List<Bar> window(List<Bar> bars, int shift) {
        int end = bars.size() - 1 + shift;
        return bars.subList(Math.max(0, end - 100), end);
    }
}
