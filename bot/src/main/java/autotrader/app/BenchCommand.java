package autotrader.app;

import autotrader.features.FeatureBench;
import autotrader.market.MarketCalendar;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.risk.RiskBench;
import autotrader.scan.ScanInputLoader;
import autotrader.scan.ScanService;
import autotrader.scan.Scanner;
import autotrader.scan.Strategy;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks on the seeded simulator (cycle and replay also on the csv source), reported as median, p90 and min of repeated runs.",
        subcommands = {BenchCommand.Scan.class, BenchCommand.Garch.class, BenchCommand.Features.class, BenchStages.class,
                BenchPredictCommand.class, BenchEnsembleCommand.class, BenchCycle.class, BenchReplay.class, BenchSoak.class})
public final class BenchCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Median, 90th percentile and minimum of timings in milliseconds. */
    record Timing(double median, double p90, double min, int runs) {
        static Timing of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Timing(s[s.length / 2], s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)], s[0], s.length);
        }

        @Override
        public String toString() {
            return String.format("median %.2f ms, p90 %.2f ms, min %.2f ms over %d runs", median, p90, min, runs);
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Time a scan of the whole sim universe (1,453 symbols + SPY/QQQ) with its bars already in memory.")
    static final class Scan implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--repeats", defaultValue = "50", description = "Timed runs after warm-up (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--as-of", defaultValue = "2024-06-12T11:00", description = "Market time (default ${DEFAULT-VALUE} New York).")
        String asOf;

        @Override
        public Integer call() {
            AppContext ctx = AppContext.from(config);
            var sim = ctx.config().market.sim;
            SimMarket market = new SimMarket(new SimSettings(sim.seed, sim.symbols, sim.startDate));
            Strategy strategy = ctx.strategy();
            Instant when = AsOf.parse(asOf, ctx.calendar());
            ScanInputLoader loader = new ScanInputLoader(market, MarketCalendar.nyse());
            long t0 = System.nanoTime();
            var loaded = loader.load(strategy.select(market.universe()), when, strategy.scanner.minHistoryDays + 5);
            double loadMs = (System.nanoTime() - t0) / 1e6;
            Scanner scanner = new Scanner(strategy.scanner);
            for (int i = 0; i < 20; i++) scanner.rank(loaded.inputs());
            double[] ms = new double[repeats];
            int kept = 0;
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                kept = scanner.rank(loaded.inputs()).size();
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            // The whole scan again, reading the now-cached bars through the market-data port each time.
            var service = new ScanService(market, strategy, MarketCalendar.nyse(), Clock.systemUTC());
            for (int i = 0; i < 3; i++) service.scan(when);
            double[] full = new double[Math.max(5, repeats / 5)];
            for (int i = 0; i < full.length; i++) {
                long s = System.nanoTime();
                service.scan(when);
                full[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.printf("bench scan (SIMULATED market, seed %d): %d symbols scored, %d skipped, top %d kept%n",
                    sim.seed, loaded.inputs().size(), loaded.skipped().size(), kept);
            System.out.printf("  loading bars from the simulator (first time, not part of the scan): %.0f ms%n", loadMs);
            System.out.printf("  scan with bars in memory (score + rank): %s%n", Timing.of(ms));
            System.out.printf("  full scan incl. reading cached bars through the port: %s%n", Timing.of(full));
            return 0;
        }
    }

    @Command(name = "garch", mixinStandardHelpOptions = true,
            description = "Time one GARCH(1,1) fit on 2,000 returns, cold and warm-started from the previous fit.")
    static final class Garch implements Callable<Integer> {
        @Option(names = "--repeats", defaultValue = "50", description = "Timed runs (default ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() {
            var r = RiskBench.run(repeats);
            System.out.printf("bench garch (seeded synthetic GARCH series, %d returns, %d runs):%n", RiskBench.GARCH_RETURNS, repeats);
            System.out.printf("  cold fit (with standard errors): median %.2f ms (%d iterations)%n", r.garchColdMs(), r.garchColdIterations());
            System.out.printf("  warm fit (from the previous fit): median %.2f ms (%d iterations)%n", r.garchWarmMs(), r.garchWarmIterations());
            System.out.printf("  risk assess 50 x 6 x 100 bars, one thread: cold %.1f ms, warm %.1f ms%n", r.assessColdMs(), r.assessWarmMs());
            return 0;
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Time the latest feature row for 50 candidates x 6 timeframes x 100 bars (seeded random bars).")
    static final class Features implements Callable<Integer> {
        @Option(names = "--repeats", defaultValue = "30", description = "Timed runs (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--threads", defaultValue = "1", description = "Threads (default ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() {
            double ms = FeatureBench.run(repeats, threads);
            System.out.printf("bench features: 300 latest() rows of 100 bars, %d thread(s): median %.1f ms over %d runs%n", threads, ms, repeats);
            return 0;
        }
    }
}
