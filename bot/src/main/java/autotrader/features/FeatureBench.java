package autotrader.features;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Median milliseconds for one round of 300 latest() calls, after a JIT warm-up of {@code repeats} rounds. */
    public static double run(int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1");
        List<Case> cases = new ArrayList<>();
        long seed = 1;
        for (int c = 0; c < CANDIDATES; c++) {
            Momentum momentum = new Momentum("SYM" + c, 70, 60, 2.5, 3.1, 0.6, "up");
            for (Timeframe tf : Timeframe.values()) {
                cases.add(new Case(new FeatureEngine("SYM" + c, tf), SyntheticBars.randomWalk(seed++, BARS, tf, 20 + c), momentum));
            }
        }
        double sink = 0;
        for (int r = 0; r < repeats; r++) sink += round(cases); // warm-up: let the JIT compile the hot path
        double[] millis = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            sink += round(cases);
            millis[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double median = repeats % 2 == 1 ? millis[repeats / 2] : (millis[repeats / 2 - 1] + millis[repeats / 2]) / 2;
        log.info("features bench: {} latest() calls of {} bars, median {} ms over {} rounds (checksum {})",
                cases.size(), BARS, String.format("%.2f", median), repeats, sink);
        return median;
    }

    private static double round(List<Case> cases) {
        double sum = 0;
        for (Case c : cases) {
            double[] row = c.engine.latest(c.bars, c.momentum);
            sum += row[0];
        }
        return sum;
    }

    private record Case(FeatureEngine engine, List<Bar> bars, Momentum momentum) {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.printf("median %.2f ms for %d latest() calls%n", run(repeats), CANDIDATES * Timeframe.values().length);
    }
}
