package autotrader.predict;

import autotrader.features.FeatureEngine;
import autotrader.features.FeatureMatrix;
import autotrader.features.SyntheticBars;
import autotrader.market.Bar;
import autotrader.market.Timeframe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times inference of the committed predictors: 50 candidates x 6 timeframes per cycle (six batched
 * forward passes of [50, features, N]), feature rows computed beforehand (the pipeline shares them
 * with other stages). Median of {@code repeats} timed cycles after warm-up. Every timed cycle starts
 * with no remembered forecast, so all 300 go through the networks (the pipeline reuses the ones whose
 * input has not changed; this times the networks, as a cold cycle pays them).
 */
public final class PredictBench {

    public static final int CANDIDATES = 50;
    private static final int DISTINCT_SERIES = 10;

    /** Median, 90th percentile and minimum in ms, and the one-off model loading time. */
    public record Result(double medianMs, double p90Ms, double minMs, int runs, double loadMs, int candidates, int timeframes) {
        @Override
        public String toString() {
            return String.format("%d candidates x %d timeframes: median %.1f ms, p90 %.1f ms, min %.1f ms over %d runs (models loaded once in %.0f ms)",
                    candidates, timeframes, medianMs, p90Ms, minMs, runs, loadMs);
        }
    }

    private PredictBench() {
    }

    /** Median ms per cycle with the committed models ({@code models/predictors} or {@code ../models/predictors}). */
    public static double run(int repeats) {
        Path dir = Path.of("models/predictors");
        if (!Files.isDirectory(dir) && Files.isDirectory(Path.of("../models/predictors"))) dir = Path.of("../models/predictors");
        return run(dir, repeats).medianMs();
    }

    public static Result run(Path dir, int repeats) {
        return run(dir, repeats, 1);
    }

    /** {@code threads}: timeframes predicted at once (see {@link Predictors#threads}). The path the pipeline uses. */
    public static Result run(Path dir, int repeats, int threads) {
        return compare(dir, repeats, threads).serving();
    }

    /** Both inference paths on the same inputs, their timed runs interleaved: DL4J's own layers and {@link GemmLstm}. */
    public record Comparison(Result dl4jLayers, Result fastPath, boolean fastServes) {
        public Result serving() {
            return fastServes ? fastPath : dl4jLayers;
        }
    }

    public static Comparison compare(Path dir, int repeats, int threads) {
        if (repeats < 1) throw new IllegalArgumentException("repeats must be at least 1");
        Predictors predictors = new Predictors(dir).threads(threads);
        long l0 = System.nanoTime();
        predictors.loadAll();
        double loadMs = (System.nanoTime() - l0) / 1e6;
        List<PredictorModel> models = new ArrayList<>();
        boolean fastServes = true;
        for (Timeframe tf : Timeframe.values()) {
            models.add(predictors.model(tf));
            fastServes &= predictors.model(tf).usesFastLstm();
        }
        List<Predictors.Input> inputs = inputs(predictors);
        double[][] ms = new double[2][repeats];
        for (int i = -Math.max(3, repeats / 2); i < repeats; i++) { // negative i: warm-up
            for (int path = 0; path < 2; path++) {
                for (PredictorModel m : models) m.allowFastLstm(path == 1);
                predictors.forgetForecasts();
                long s = System.nanoTime();
                predictors.predict(inputs);
                if (i >= 0) ms[path][i] = (System.nanoTime() - s) / 1e6;
            }
        }
        for (PredictorModel m : models) m.allowFastLstm(true);
        return new Comparison(result(ms[0], loadMs), result(ms[1], loadMs), fastServes);
    }

    private static Result result(double[] ms, double loadMs) {
        Arrays.sort(ms);
        return new Result(ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.9) - 1)], ms[0], ms.length,
                loadMs, CANDIDATES, Timeframe.values().length);
    }

    /** 50 candidates per timeframe, cycling through a few seeded random-walk feature matrices. */
    static List<Predictors.Input> inputs(Predictors predictors) {
        List<Predictors.Input> out = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            int n = predictors.model(tf).sequenceLength();
            List<FeatureMatrix> series = new ArrayList<>();
            List<Double> closes = new ArrayList<>();
            for (int s = 0; s < DISTINCT_SERIES; s++) {
                List<Bar> bars = SyntheticBars.randomWalk(1000L * tf.ordinal() + s, n + FeatureEngine.WINDOW_BARS, tf, 50 + 10 * s);
                FeatureEngine engine = new FeatureEngine("SYN" + s, tf);
                double[][] rows = engine.rows(bars, bars.size() - n, null);
                List<Instant> ends = new ArrayList<>();
                for (int r = 0; r < n; r++) ends.add(bars.get(bars.size() - n + r).end());
                series.add(new FeatureMatrix(FeatureEngine.featureNames(), ends, rows));
                closes.add(bars.get(bars.size() - 1).close());
            }
            for (int c = 0; c < CANDIDATES; c++) {
                out.add(new Predictors.Input("C" + c, tf, series.get(c % DISTINCT_SERIES), closes.get(c % DISTINCT_SERIES)));
            }
        }
        return out;
    }
}
