package autotrader.risk;

import autotrader.market.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Timings for the {@code bench} CLI command, on seeded synthetic data (no files, no network):
 * <ul>
 *   <li>one normal GARCH(1,1) fit on 2,000 returns, cold and warm-started from the fit one return earlier;</li>
 *   <li>{@link RiskModel#assess} for 50 candidates x 6 timeframes x 100 bars on one thread, cold (no previous
 *       fits) and warm (each candidate's fit on the window one bar earlier, as in a live cycle).</li>
 * </ul>
 * Each timing is the median over {@code repeats} runs after as many warm-up runs (for the JIT).
 */
public final class RiskBench {

    public static final int GARCH_RETURNS = 2000;
    public static final int CANDIDATES = 50;
    public static final int TIMEFRAMES = 6;
    public static final int BARS = 100;

    private RiskBench() {}

    /** Medians in milliseconds. {@code assess*Ms} cover all 300 assessments together. */
    public record Result(int repeats, double garchColdMs, double garchWarmMs, double assessColdMs, double assessWarmMs,
                         int garchColdIterations, int garchWarmIterations) {}

    public static Result run(int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be positive");
        GarchFitter fitter = new GarchFitter();
        double[] series = simulateGarch(GARCH_RETURNS + 1, 1);
        double[] before = Arrays.copyOfRange(series, 0, GARCH_RETURNS);
        double[] now = Arrays.copyOfRange(series, 1, GARCH_RETURNS + 1);
        GarchFit previous;
        GarchFit[] cold = new GarchFit[1], warm = new GarchFit[1];
        try {
            previous = fitter.fit(before);
        } catch (GarchFitException e) {
            throw new IllegalStateException("bench data did not fit: " + e.getMessage(), e);
        }
        double garchCold = median(repeats, () -> cold[0] = fitOrThrow(fitter, now, null));
        double garchWarm = median(repeats, () -> warm[0] = fitOrThrow(fitter, now, previous));

        RiskModel model = new RiskModel();
        List<Universe> universes = new ArrayList<>();
        for (int tf = 0; tf < TIMEFRAMES; tf++) universes.add(new Universe(tf));
        GarchFit[][] previousFits = new GarchFit[TIMEFRAMES][CANDIDATES];
        for (int tf = 0; tf < TIMEFRAMES; tf++) {
            Universe u = universes.get(tf);
            for (int c = 0; c < CANDIDATES; c++) {
                previousFits[tf][c] = model.assess(u.candidates.get(c).subList(0, BARS), u.spy.subList(0, BARS),
                        u.qqq.subList(0, BARS)).garchFit();
            }
        }
        double assessCold = median(repeats, () -> assessAll(model, universes, null));
        double assessWarm = median(repeats, () -> assessAll(model, universes, previousFits));
        return new Result(repeats, garchCold, garchWarm, assessCold, assessWarm, cold[0].iterations(), warm[0].iterations());
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        System.out.println(run(repeats));
    }

    private static void assessAll(RiskModel model, List<Universe> universes, GarchFit[][] previousFits) {
        for (int tf = 0; tf < TIMEFRAMES; tf++) {
            Universe u = universes.get(tf);
            List<Bar> spy = u.spy.subList(1, BARS + 1), qqq = u.qqq.subList(1, BARS + 1);
            for (int c = 0; c < CANDIDATES; c++) {
                model.assess(u.candidates.get(c).subList(1, BARS + 1), spy, qqq, null,
                        previousFits == null ? null : previousFits[tf][c]);
            }
        }
    }

    private static GarchFit fitOrThrow(GarchFitter fitter, double[] returns, GarchFit previous) {
        try {
            return fitter.fit(returns, previous);
        } catch (GarchFitException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(int repeats, Runnable work) {
        for (int i = 0; i < repeats; i++) work.run();
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return repeats % 2 == 1 ? ms[repeats / 2] : 0.5 * (ms[repeats / 2 - 1] + ms[repeats / 2]);
    }

    private static double[] simulateGarch(int n, long seed) {
        Random rng = new Random(seed);
        double h = 0.01 / 0.05, r[] = new double[n];
        for (int t = -200; t < n; t++) {
            double e = Math.sqrt(h) * rng.nextGaussian();
            if (t >= 0) r[t] = 0.01 + e;
            h = 0.01 + 0.1 * e * e + 0.85 * h;
        }
        return r;
    }

    /** One timeframe's SPY, QQQ and candidates, BARS + 1 bars each (the extra one is the "new bar" of a cycle). */
    private static final class Universe {
        final List<Bar> spy = new ArrayList<>(), qqq = new ArrayList<>();
        final List<List<Bar>> candidates = new ArrayList<>();

        Universe(int timeframe) {
            Random rng = new Random(1000 + timeframe);
            int n = BARS + 1;
            double[] market = new double[n];
            double h = 1e-5;
            for (int i = 0; i < n; i++) {
                market[i] = Math.sqrt(h) * rng.nextGaussian();
                h = 1e-6 + 0.1 * market[i] * market[i] + 0.8 * h;
            }
            Instant start = Instant.parse("2025-03-03T14:30:00Z");
            Duration step = Duration.ofMinutes(5L << timeframe);
            spy.addAll(path(market, 1, 0, 500, start, step, rng));
            qqq.addAll(path(market, 1.2, 0.002, 400, start, step, rng));
            for (int c = 0; c < CANDIDATES; c++) {
                candidates.add(path(market, 0.5 + rng.nextDouble() * 1.5, 0.003 + 0.01 * rng.nextDouble(), 20 + 100 * rng.nextDouble(),
                        start, step, rng));
            }
        }

        private static List<Bar> path(double[] market, double beta, double noise, double price, Instant start, Duration step,
                                      Random rng) {
            List<Bar> bars = new ArrayList<>(market.length);
            double p = price;
            for (int i = 0; i < market.length; i++) {
                double open = p;
                p *= Math.exp(beta * market[i] + noise * rng.nextGaussian());
                Instant s = start.plus(step.multipliedBy(i));
                bars.add(new Bar(s, s.plus(step), open, Math.max(open, p) * 1.001, Math.min(open, p) * 0.999, p, 1000));
            }
            return bars;
        }
    }
}
