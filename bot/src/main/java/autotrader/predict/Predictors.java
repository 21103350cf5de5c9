package autotrader.predict;

import autotrader.features.FeatureEngine;
import autotrader.features.FeatureMatrix;
import autotrader.market.Timeframe;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
/**
 * The six predictors at inference: loads {@code <dir>/<tf>.zip} on first use of each timeframe (once,
 * then kept) and predicts the next bar for a batch of candidates with one forward pass per timeframe
 * (an INDArray of shape [batch, features, N]).
 *
 * <p>Input is the feature rows the pipeline already computed (a {@link FeatureMatrix} per symbol and
 * timeframe, shared with the other stages) plus the last close, to turn the return into a price.
 *
 * <p>Forecasts are remembered per symbol and timeframe with a 64-bit fingerprint of the exact input
 * sequence: between two 5-minute cycles only the 1m and 5m sequences change, so the 30m, 1h, 6h and
 * 1d forecasts of a candidate are reused until a bar of that timeframe closes. A reused forecast is
 * the one the same model gave for the same numbers; one entry per symbol and timeframe bounds it.
 * (The network computes in float32, and a sequence in a batch of another size can come out a last
 * float bits apart, reuse or not: ForecastReuseTest compares with a cold computation to a relative 2e-5.)
 */
public final class Predictors {

    /** One candidate on one timeframe: its feature rows (oldest first, the last row = the latest bar) and last close. */
    public record Input(String symbol, Timeframe timeframe, FeatureMatrix features, double lastClose) {
    }

    /**
     * The forecast for the bar after the latest one: {@code logReturn} = predicted ln(close[t+1]/close[t]),
     * {@code price} = lastClose * exp(logReturn). {@code paddedRows} counts rows missing from the front of
     * the sequence (fewer rows than the model's N), filled with the training mean.
     */
    public record Forecast(String symbol, Timeframe timeframe, double logReturn, double price, Instant barEnd, int paddedRows) {
    }

    /** Fewer sequences than this per half are not worth a second thread. */
    private static final int MIN_HALF_BATCH = 8;

    private final Path dir;
    private final List<String> expectedFeatures;
    private final Map<Timeframe, PredictorModel> models = new EnumMap<>(Timeframe.class);
    private volatile int threads = 1;
    private Thread backgroundLoad;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong computed = new AtomicLong();

    /** The last forecast of one symbol and timeframe, with what it was computed from. */
    private record Remembered(PredictorModel model, long fingerprint, int padded, double logReturn) {
    }
    private ExecutorService pool;

    /** Models in {@code dir}, checked against {@link FeatureEngine#featureNames()}. */
    public Predictors(Path dir) {
        this(dir, FeatureEngine.featureNames());
    }

    public Predictors(Path dir, List<String> expectedFeatures) {
        this.dir = dir;
        this.expectedFeatures = List.copyOf(expectedFeatures);
    }

    /**
     * Timeframes predicted at once (default 1: one forward pass after the other; each pass already
     * uses the native library's threads). See docs/predictors.md for measurements.
     */
    public synchronized Predictors threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (pool != null) pool.shutdown();
        // long-lived daemon threads: DL4J keeps its workspaces per thread
        pool = n == 1 ? null : Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "predictors");
            t.setDaemon(true);
            return t;
        });
        this.threads = n;
        return this;
    }

    public Path dir() {
        return dir;
    }

    public static Path modelFile(Path dir, Timeframe tf) {
        return dir.resolve(tf.label() + ".zip");
    }

    public static Path cardFile(Path dir, Timeframe tf) {
        return dir.resolve(tf.label() + ".json");
    }

    /**
     * The model of a timeframe, loaded on first call.
     *
     * @throws PredictorException when the file is missing (naming the path and the command that trains it)
     *                            or was trained on another feature list (naming both lists)
     */
    public synchronized PredictorModel model(Timeframe tf) {
        PredictorModel m = models.get(tf);
        if (m == null) {
            m = PredictorModel.load(modelFile(dir, tf), tf, expectedFeatures);
            models.put(tf, m);
        }
        return m;
    }

    /** Loads all six now (e.g. at start-up, so the first cycle does not pay for it). */
    public void loadAll() {
        for (Timeframe tf : Timeframe.values()) model(tf);
    }

    /**
     * Starts loading all six models, with their first forward pass (the fast path's check against
     * DL4J's pass, the native library's set-up), on a background thread, once. A first cycle calls
     * this before its scan, so the models load while it scans and prepares its candidates (about 2 s
     * cold, mostly in native code) instead of after. A call that needs a model waits for its load
     * ({@link #model} is synchronized); one that fails here fails again there, with its message.
     */
    public void loadInBackground() {
        synchronized (this) {
            if (backgroundLoad != null || models.size() == Timeframe.values().length) return;
            backgroundLoad = new Thread(() -> {
                for (Timeframe tf : Timeframe.values()) {
                    try {
                        model(tf).usesFastLstm();
                    } catch (RuntimeException e) {
                        return; // said by the call that needs the model
                    }
                }
            }, "predictor-load");
        }
        backgroundLoad.setDaemon(true);
        backgroundLoad.start();
    }

    /** Forecasts in the order of {@code inputs}; one batched forward pass per timeframe present. */
    public List<Forecast> predict(List<Input> inputs) {
        Forecast[] out = new Forecast[inputs.size()];
        Map<Timeframe, List<Integer>> byTf = new EnumMap<>(Timeframe.class);
        for (int i = 0; i < inputs.size(); i++) byTf.computeIfAbsent(inputs.get(i).timeframe(), k -> new ArrayList<>()).add(i);
        for (Timeframe tf : byTf.keySet()) model(tf); // load (and check) before any work
        List<Map.Entry<Timeframe, List<Integer>>> work = new ArrayList<>(byTf.entrySet());
        ExecutorService exec;
        synchronized (this) {
            exec = pool;
        }
        if (exec == null || work.size() <= 1) {
            // One timeframe (a daily backtest, a 1d-only model): its batch is split over the pool instead.
            for (Map.Entry<Timeframe, List<Integer>> e : work) predictTimeframe(e, inputs, out, exec);
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<Timeframe, List<Integer>> e : work) futures.add(exec.submit(() -> predictTimeframe(e, inputs, out, null)));
            for (Future<?> f : futures) await(f);
        }
        return List.of(out);
    }

    /** Forgets every remembered forecast: the next call computes all of them (benchmarks time the networks this way). */
    public void forgetForecasts() {
        remembered.clear();
    }

    /** Forecasts taken from memory, and computed by the network, since this instance was made. */
    public long reusedForecasts() {
        return reused.get();
    }

    public long computedForecasts() {
        return computed.get();
    }

    /** {@code helper}: a pool that may compute half of the batch meanwhile, or null. */
    private void predictTimeframe(Map.Entry<Timeframe, List<Integer>> e, List<Input> inputs, Forecast[] out, ExecutorService helper) {
        {
            PredictorModel model = model(e.getKey());
            int n = model.sequenceLength();
            List<double[][]> seqs = new ArrayList<>();
            int[] padded = new int[e.getValue().size()];
            long[] fingerprints = new long[padded.length];
            for (int j = 0; j < padded.length; j++) {
                Input in = inputs.get(e.getValue().get(j));
                FeatureMatrix fm = in.features();
                if (!fm.names().equals(model.featureNames())) {
                    PredictorModel.checkFeatures(modelFile(dir, e.getKey()), e.getKey(), model.featureNames(), fm.names());
                }
                if (fm.rows() == 0) throw new IllegalArgumentException(in.symbol() + " " + in.timeframe() + ": no feature rows");
                double[][] seq = new double[n][];
                int have = Math.min(n, fm.rows());
                padded[j] = n - have;
                double[] empty = new double[fm.columns()];
                Arrays.fill(empty, Double.NaN);
                for (int t = 0; t < n; t++) {
                    int row = fm.rows() - n + t;
                    seq[t] = row < 0 ? empty : fm.row(row);
                }
                seqs.add(seq);
                fingerprints[j] = fingerprint(seq);
            }
            double[] r = new double[padded.length];
            List<double[][]> fresh = new ArrayList<>();
            List<Integer> freshAt = new ArrayList<>();
            for (int j = 0; j < padded.length; j++) {
                Remembered m = remembered.get(key(inputs.get(e.getValue().get(j))));
                if (m != null && m.model() == model && m.fingerprint() == fingerprints[j] && m.padded() == padded[j]) {
                    r[j] = m.logReturn();
                } else {
                    fresh.add(seqs.get(j));
                    freshAt.add(j);
                }
            }
            if (!fresh.isEmpty()) {
                double[] computedNow = helper != null && fresh.size() >= 2 * MIN_HALF_BATCH ? inTwoHalves(model, fresh, helper)
                        : model.predictLogReturns(fresh);
                for (int k = 0; k < computedNow.length; k++) {
                    int j = freshAt.get(k);
                    r[j] = computedNow[k];
                    remembered.put(key(inputs.get(e.getValue().get(j))), new Remembered(model, fingerprints[j], padded[j], r[j]));
                }
            }
            reused.addAndGet(padded.length - fresh.size());
            computed.addAndGet(fresh.size());
            for (int j = 0; j < padded.length; j++) {
                int i = e.getValue().get(j);
                Input in = inputs.get(i);
                FeatureMatrix fm = in.features();
                out[i] = new Forecast(in.symbol(), in.timeframe(), r[j], in.lastClose() * Math.exp(r[j]),
                        fm.endTimes().isEmpty() ? null : fm.endTimes().get(fm.rows() - 1), padded[j]);
            }
        }
    }

    /**
     * The batch's second half on the pool while this thread does the first: one timeframe's forward pass
     * would otherwise leave the other core idle (it was 37 % of a daily backtest's main thread). A row's
     * output does not depend on the rows beside it, but the float matrix products are blocked by batch
     * size, so a few outputs move in their last bits (2e-10 on log returns of 1e-3 measured through
     * the fused op in session 8; GemmLstmTest holds the split to 1e-9).
     */
    private static double[] inTwoHalves(PredictorModel model, List<double[][]> batch, ExecutorService helper) {
        int half = batch.size() / 2;
        Future<double[]> second = helper.submit(() -> model.predictLogReturns(batch.subList(half, batch.size())));
        double[] first = model.predictLogReturns(batch.subList(0, half));
        double[] rest = await(second);
        double[] all = Arrays.copyOf(first, batch.size());
        System.arraycopy(rest, 0, all, half, rest.length);
        return all;
    }

    /** The task's result; its own exception when it failed. */
    private static <T> T await(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while predicting", ie);
        } catch (ExecutionException ee) {
            if (ee.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(ee.getCause());
        }
    }

    private static String key(Input in) {
        return in.symbol() + '|' + in.timeframe().label();
    }

    /** FNV-1a over the bits of every value of the sequence (NaN padding included): equal sequences, equal fingerprints. */
    static long fingerprint(double[][] seq) {
        long h = 0xcbf29ce484222325L;
        for (double[] row : seq) {
            for (double v : row) {
                h ^= Double.doubleToRawLongBits(v);
                h *= 0x100000001b3L;
            }
            h ^= row.length;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
