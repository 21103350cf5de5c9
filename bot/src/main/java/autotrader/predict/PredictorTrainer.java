package autotrader.predict;

import autotrader.progress.Progress;
import autotrader.progress.ProgressBars;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains one predictor on a {@link SequenceDataset}: walk-forward 80/20 split by time, normaliser
 * fitted on the training rows only, Adam with a fixed seed, the training set shuffled each epoch
 * (never across the split), early stopping on validation loss (the best epoch's weights are kept),
 * the epochs shown as a progress task with the losses. Then measures the validation metrics and writes them into the card.
 */
public final class PredictorTrainer {

    public static final double TRAIN_FRACTION = 0.8;
    private static final int EVAL_BATCH = 1024;

    /** Where the data came from, for the card. */
    public record Source(String dataSource, boolean simulated, String trainedOn, String outOfSample, List<String> caveats,
                         long candidateSamples) {
    }

    public record Result(PredictorModel model, PredictorCard card) {
    }

    private final PredictSettings settings;
    private final Consumer<String> progress;
    private final Progress bars;

    /** Messages and the epochs' progress (as plain lines) to {@code progress}. */
    public PredictorTrainer(PredictSettings settings, Consumer<String> progress) {
        this(settings, progress, ProgressBars.lines(progress, ProgressBars.LINE_EVERY));
    }

    /** Messages to {@code progress}, the epochs to {@code bars} (e.g. {@link ProgressBars#stderr()}). */
    public PredictorTrainer(PredictSettings settings, Consumer<String> progress, Progress bars) {
        this.settings = settings;
        this.progress = progress;
        this.bars = bars;
    }

    public Result train(SequenceDataset data, Source source) {
        long started = System.nanoTime();
        if (data.sequenceLength() != settings.sequenceLength())
            throw new IllegalArgumentException("dataset sequences have " + data.sequenceLength() + " rows, settings say " + settings.sequenceLength());
        SequenceDataset.Split split = data.split(TRAIN_FRACTION);
        List<SequenceDataset.Sample> train = split.train(), val = split.validation();
        if (train.isEmpty() || val.isEmpty())
            throw new IllegalStateException(data.timeframe() + ": " + train.size() + " training and " + val.size()
                    + " validation samples; need both (more bars or a longer date range)");
        int n = settings.sequenceLength(), f = data.featureNames().size();

        // Normaliser from the rows the training sequences use (each row once), and the training targets.
        List<boolean[]> usedRows = new ArrayList<>();
        for (SequenceDataset.Segment s : data.segments()) usedRows.add(new boolean[s.rows().length]);
        double[] trainTargets = new double[train.size()];
        for (int i = 0; i < train.size(); i++) {
            SequenceDataset.Sample s = train.get(i);
            Arrays.fill(usedRows.get(s.segment()), s.endRow() - n + 1, s.endRow() + 1, true);
            trainTargets[i] = s.target();
        }
        List<double[]> fitRows = new ArrayList<>();
        for (int g = 0; g < data.segments().size(); g++) {
            boolean[] used = usedRows.get(g);
            double[][] rows = data.segments().get(g).rows();
            for (int r = 0; r < rows.length; r++) if (used[r]) fitRows.add(rows[r]);
        }
        Normalizer norm = Normalizer.fit(data.featureNames(), fitRows, trainTargets);

        // Normalise every segment once; batches are then plain copies.
        float[][][] z = new float[data.segments().size()][][];
        for (int g = 0; g < z.length; g++) {
            double[][] rows = data.segments().get(g).rows();
            z[g] = new float[rows.length][f];
            for (int r = 0; r < rows.length; r++) for (int k = 0; k < f; k++) z[g][r][k] = norm.apply(k, rows[r][k]);
        }

        MultiLayerNetwork net = LstmNetworks.build(f, settings);
        progress.accept(String.format("%s: training %s (%,d parameters) on %,d samples, validating on %,d (%,d purged at the %s cut)",
                data.timeframe(), LstmNetworks.describe(settings), net.numParams(), train.size(), val.size(), split.purged(), split.cut()));

        Random random = new Random(settings.seed());
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        List<Double> trainLoss = new ArrayList<>(), valLoss = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0, epoch = 0;
        INDArray bestParams = null;
        boolean stoppedEarly = false;
        // Closed after the loop; a failure in it ends the training (and the command), and the bar's ticker is a daemon thread.
        Progress.Task bar = bars.start(data.timeframe() + " training", settings.maxEpochs(), "epochs");
        for (epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
            long e0 = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                int to = Math.min(order.length, from + settings.batchSize());
                List<SequenceDataset.Sample> batch = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) batch.add(train.get(order[i]));
                net.fit(new DataSet(input(batch, z, n, f), labels(batch, norm)));
                lossSum += net.score();
                batches++;
            }
            double tl = lossSum / batches;
            double vl = validationLoss(net, val, z, n, f, norm);
            trainLoss.add(tl);
            valLoss.add(vl);
            if (vl < best - 1e-6) {
                best = vl;
                bestEpoch = epoch;
                sinceBest = 0;
                bestParams = net.params().dup();
            } else {
                sinceBest++;
            }
            double epochSec = (System.nanoTime() - e0) / 1e9;
            bar.note(String.format("loss %.4f  val loss %.4f%s  %.1f s per epoch", tl, vl,
                    bestEpoch == epoch ? " (best)" : String.format(" (best %.4f @%d)", best, bestEpoch), epochSec));
            bar.stepTo(epoch);
            if (sinceBest >= settings.patience()) {
                stoppedEarly = epoch < settings.maxEpochs();
                bar.total(epoch);   // an early stop: the job is done, not 40 % through
                break;
            }
        }
        bar.close();
        int epochsRun = Math.min(epoch, settings.maxEpochs());
        if (bestParams != null) net.setParams(bestParams);
        PredictorModel model = new PredictorModel(data.timeframe(), n, norm, net);
        PredictorCard.Metrics metrics = metrics(model, data, train, val);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(model, card(data, source, split, norm, net.numParams(), seconds, epochsRun, bestEpoch, stoppedEarly,
                trainLoss, valLoss, metrics));
    }

    private PredictorCard card(SequenceDataset data, Source source, SequenceDataset.Split split, Normalizer norm, long params,
                           double seconds, int epochsRun, int bestEpoch, boolean stoppedEarly, List<Double> trainLoss,
                           List<Double> valLoss, PredictorCard.Metrics m) {
        boolean beats = m.rmse() < m.naiveRmse();
        String verdict = beats
                ? String.format("On validation the model's RMSE (%.6g) is below the naive no-change forecast's (%.6g), by %.2f%%; "
                + "directional accuracy %.1f%% against %.1f%% for always predicting the training majority direction.",
                m.rmse(), m.naiveRmse(), 100 * (1 - m.rmseRatio()), 100 * m.directionalAccuracy(), 100 * m.directionalBaseline())
                : String.format("WORSE THAN THE NAIVE BASELINE: on validation the model's RMSE (%.6g) is not below the naive "
                + "no-change forecast's (%.6g); its predictions add no value over predicting 0. Directional accuracy %.1f%% "
                + "against %.1f%% for always predicting the training majority direction.",
                m.rmse(), m.naiveRmse(), 100 * m.directionalAccuracy(), 100 * m.directionalBaseline());
        return new PredictorCard(data.timeframe().label(), source.dataSource(), source.simulated(), source.trainedOn(), data.symbols(),
                period(split.train()), period(split.validation()), split.cut().toString(), split.purged(),
                source.candidateSamples(), settings.maxSamples(), source.outOfSample(), data.featureNames(),
                data.featureNames().size(), norm.unusedFeatures(), settings.sequenceLength(),
                "per-feature z-score with mean/std of the training rows only (stored in the model zip), clipped to +-"
                        + Normalizer.CLIP + "; NaN -> 0 (= the training mean, no missing-indicator); features with no finite "
                        + "training value are unused (always 0)",
                "ln(close[t+1] / close[t]) divided by target_scale (root mean square of the training targets); training targets clipped to +-"
                        + Normalizer.CLIP,
                norm.targetScale(),
                new PredictorCard.Architecture(LstmNetworks.describe(settings), settings.lstmLayers(), settings.lstmUnits(), params,
                        "Adam", settings.learningRate(), settings.batchSize(), settings.seed(), LstmNetworks.GRADIENT_CLIPPING, "float32"),
                new PredictorCard.Training(round(seconds, 1), epochsRun, bestEpoch, settings.maxEpochs(), settings.patience(), stoppedEarly,
                        trainLoss.stream().map(v -> round(v, 5)).toList(), valLoss.stream().map(v -> round(v, 5)).toList(),
                        "MSE of the scaled target"),
                m, beats, verdict, source.caveats(), Instant.now().toString());
    }

    private static PredictorCard.Period period(List<SequenceDataset.Sample> s) {
        Instant from = s.stream().map(SequenceDataset.Sample::end).min(Instant::compareTo).orElseThrow();
        Instant to = s.stream().map(SequenceDataset.Sample::targetEnd).max(Instant::compareTo).orElseThrow();
        return new PredictorCard.Period(from.toString(), to.toString(), s.size());
    }

    /** Validation metrics of a model (see {@link PredictorCard.Metrics}). */
    static PredictorCard.Metrics metrics(PredictorModel model, SequenceDataset data, List<SequenceDataset.Sample> train,
                                     List<SequenceDataset.Sample> val) {
        double[] pred = predict(model, data, val);
        long ups = train.stream().filter(s -> s.target() > 0).count(), downs = train.stream().filter(s -> s.target() < 0).count();
        int majority = ups >= downs ? 1 : -1;
        double se = 0, naive = 0, sp = 0, sy = 0, spp = 0, syy = 0, spy = 0;
        int dirN = 0, dirHit = 0, baseHit = 0, valUps = 0;
        for (int i = 0; i < val.size(); i++) {
            double y = val.get(i).target(), p = pred[i];
            se += (p - y) * (p - y);
            naive += y * y;
            sp += p; sy += y; spp += p * p; syy += y * y; spy += p * y;
            if (y != 0) {
                dirN++;
                if (Math.signum(p) == Math.signum(y)) dirHit++;
                if (majority == Math.signum(y)) baseHit++;
                if (y > 0) valUps++;
            }
        }
        int k = val.size();
        double cov = spy / k - (sp / k) * (sy / k), vp = spp / k - (sp / k) * (sp / k), vy = syy / k - (sy / k) * (sy / k);
        double corr = vp > 0 && vy > 0 ? cov / Math.sqrt(vp * vy) : 0;
        double rmse = Math.sqrt(se / k), naiveRmse = Math.sqrt(naive / k);
        return new PredictorCard.Metrics(k, rmse, naiveRmse, rmse / naiveRmse, dirN == 0 ? 0 : dirHit / (double) dirN,
                dirN == 0 ? 0 : baseHit / (double) dirN, majority > 0 ? "up" : "down", dirN == 0 ? 0 : valUps / (double) dirN,
                corr, sp / k, Math.sqrt(Math.max(0, vp)));
    }

    /** Predicted log returns for samples of the dataset, in batches. */
    public static double[] predict(PredictorModel model, SequenceDataset data, List<SequenceDataset.Sample> samples) {
        double[] out = new double[samples.size()];
        for (int from = 0; from < samples.size(); from += EVAL_BATCH) {
            int to = Math.min(samples.size(), from + EVAL_BATCH);
            List<double[][]> seqs = new ArrayList<>();
            for (int i = from; i < to; i++) seqs.add(data.sequence(samples.get(i)));
            double[] p = model.predictLogReturns(seqs);
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    private static double validationLoss(MultiLayerNetwork net, List<SequenceDataset.Sample> val, float[][][] z, int n, int f,
                                         Normalizer norm) {
        double sum = 0;
        for (int from = 0; from < val.size(); from += EVAL_BATCH) {
            List<SequenceDataset.Sample> batch = val.subList(from, Math.min(val.size(), from + EVAL_BATCH));
            INDArray out = net.output(input(batch, z, n, f), false);
            for (int i = 0; i < batch.size(); i++) {
                double d = out.getDouble(i, 0) - norm.scaleTarget(batch.get(i).target());
                sum += d * d;
            }
        }
        return sum / val.size();
    }

    private static INDArray input(List<SequenceDataset.Sample> batch, float[][][] z, int n, int f) {
        float[] flat = new float[batch.size() * f * n];
        for (int i = 0; i < batch.size(); i++) {
            SequenceDataset.Sample s = batch.get(i);
            float[][] rows = z[s.segment()];
            int first = s.endRow() - n + 1;
            for (int t = 0; t < n; t++) {
                float[] row = rows[first + t];
                for (int k = 0; k < f; k++) flat[(i * f + k) * n + t] = row[k];
            }
        }
        return Nd4j.create(flat, new long[]{batch.size(), f, n}, 'c');
    }

    private static INDArray labels(List<SequenceDataset.Sample> batch, Normalizer norm) {
        float[] y = new float[batch.size()];
        for (int i = 0; i < y.length; i++) y[i] = norm.scaleTarget(batch.get(i).target());
        return Nd4j.create(y, new long[]{y.length, 1}, 'c');
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double round(double v, int digits) {
        double p = Math.pow(10, digits);
        return Math.round(v * p) / p;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
