package autotrader.features;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's feature load: {@link FeatureEngine#latest} for 50 candidates x 6 timeframes on
 * 100 bars each (300 calls), single-threaded, on seeded random bars built up front.
 */
public final class FeatureBench {

    private static final Logger log = LoggerFactory.getLogger(FeatureBench.class);
    public static final int CANDIDATES = 50;
    public static final int BARS = 100;

    private FeatureBench() {
    }

    /** Median milliseconds for one round of 300 latest() calls on one thread, after a JIT warm-up of {@code repeats} rounds. */
    public static double run(int repeats) {
        return run(repeats, 1);
    }

    /**
     * As {@link #run(int)}, the 300 calls split over {@code threads} threads (FeatureEngine is
     * stateless), which is how the pipeline can use its 2 cores.
     */
    public static double run(int repeats, int threads) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        List<Case> cases = new ArrayList<>();
        long seed = 1;
        for (int c = 0; c < CANDIDATES; c++) {
            Momentum momentum = new Momentum("SYM" + c, 70, 60, 2.5, 3.1, 0.6, "up");
            for (Timeframe tf : Timeframe.values()) {
                cases.add(new Case(new FeatureEngine("SYM" + c, tf), SyntheticBars.randomWalk(seed++, BARS, tf, 20 + c), momentum));
            }
        }
        ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads);
        double sink = 0;
        double[] millis = new double[repeats];
        try {
            for (int r = 0; r < repeats; r++) sink += round(cases, pool, threads); // warm-up for the JIT
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                sink += round(cases, pool, threads);
                millis[r] = (System.nanoTime() - start) / 1e6;
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        Arrays.sort(millis);
        double median = repeats % 2 == 1 ? millis[repeats / 2] : (millis[repeats / 2 - 1] + millis[repeats / 2]) / 2;
        log.info("features bench: {} latest() calls of {} bars on {} thread(s), median {} ms over {} rounds (checksum {})",
                cases.size(), BARS, threads, String.format("%.2f", median), repeats, sink);
        return median;
    }

    private static double round(List<Case> cases, ExecutorService pool, int threads) {
        if (pool == null) return latestAll(cases);
        List<Future<Double>> parts = new ArrayList<>();
        int chunk = (cases.size() + threads - 1) / threads;
        for (int from = 0; from < cases.size(); from += chunk) {
            List<Case> part = cases.subList(from, Math.min(cases.size(), from + chunk));
            parts.add(pool.submit(() -> latestAll(part)));
        }
        double sum = 0;
        try {
            for (Future<Double> part : parts) sum += part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bench failed", e.getCause());
        }
        return sum;
    }

    private static double latestAll(List<Case> cases) {
        double sum = 0;
        for (Case c : cases) sum += c.engine.latest(c.bars, c.momentum)[0];
        return sum;
    }

    private record Case(FeatureEngine engine, List<Bar> bars, Momentum momentum) {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        System.out.printf("median %.2f ms for %d latest() calls on %d thread(s)%n", run(repeats, threads),
                CANDIDATES * Timeframe.values().length, threads);
    }
}
