package autotrader.ensemble;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Random;
import java.util.function.IntFunction;
/**
 * Times the ensemble on synthetic data: one training run, then inference for 50 rows (the pipeline's
 * candidates) through all five base models and the meta-learner, as medians over {@code repeats}
 * rounds after as many warm-up rounds.
 */
public final class EnsembleBench {

    public static final int CANDIDATES = 50;

    /**
     * @param trainSeconds      wall time of {@link EnsembleTrainer#train} (CV, refit, held-out scoring)
     * @param inferenceMedianMs median time of one 50-row prediction through everything
     * @param perModelMedianMs  median per base model and for the meta-learner, 50 rows each
     */
    public record Result(int rows, int columns, double trainSeconds, double inferenceMedianMs, double inferenceP90Ms,
                         Map<String, Double> perModelMedianMs, int repeats) {}

    private EnsembleBench() {
    }

    /** The default measurement: 20,000 rows x 600 columns, default settings. */
    public static Result run(int repeats) {
        return run(repeats, 20_000, 600, EnsembleSettings.defaults(), TrainingProgress.SILENT);
    }

    public static Result run(int repeats, int rows, int columns, EnsembleSettings settings, TrainingProgress progress) {
        EnsembleDataset data = SyntheticEnsembleData.generate(rows, columns, 10, 10, 0.8, settings.seed());
        long t0 = System.nanoTime();
        EnsembleTrainer.Result trained = EnsembleTrainer.train(data, settings, progress);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        try (StackedEnsemble e = trained.ensemble()) {
            double[][] batch = Arrays.copyOfRange(data.inputMatrix(), rows - CANDIDATES, rows);
            Rounds t = time(e, repeats, round -> batch);
            return new Result(rows, columns, trainSeconds, quantile(t.total, 0.5), quantile(t.total, 0.9), t.medians(e), repeats);
        }
    }

    /** Timings of the timed rounds (after as many untimed ones): the whole ensemble, each base model and the meta-learner. */
    private record Rounds(double[] total, double[][] perModel, double[] svmSmile, double svmMaxDifference) {
        Map<String, Double> medians(StackedEnsemble e) {
            List<BaseModel> models = e.baseModels();
            Map<String, Double> m = new LinkedHashMap<>();
            for (int k = 0; k < models.size(); k++) m.put(models.get(k).name(), quantile(perModel[k], 0.5));
            m.put("meta_learner", quantile(perModel[models.size()], 0.5));
            return m;
        }
    }

    /** One loop for both benchmarks; an SVM is also timed through smile's reference path and compared with its batched one. */
    private static Rounds time(StackedEnsemble e, int repeats, IntFunction<double[][]> batchOfRound) {
        List<BaseModel> models = e.baseModels();
        double[] total = new double[repeats];
        double[][] perModel = new double[models.size() + 1][repeats];
        double[] smile = new double[repeats];
        double maxDiff = 0;
        for (int round = 0; round < 2 * repeats; round++) {
            double[][] batch = batchOfRound.apply(round);
            boolean measured = round >= repeats;
            int r = round - repeats;
            long s = System.nanoTime();
            e.predict(e.columns(), batch);
            if (measured) total[r] = (System.nanoTime() - s) / 1e6;
            double[][][] base = new double[models.size()][][];
            for (int m = 0; m < models.size(); m++) {
                long ms = System.nanoTime();
                base[m] = models.get(m).probabilities(batch);
                if (measured) perModel[m][r] = (System.nanoTime() - ms) / 1e6;
                if (models.get(m) instanceof SvmModel svm) {
                    long ss = System.nanoTime();
                    double[][] ref = svm.smileProbabilities(svm.standardize(batch));
                    if (measured) smile[r] = (System.nanoTime() - ss) / 1e6;
                    for (int i = 0; i < ref.length; i++) {
                        for (int k = 0; k < ref[i].length; k++) maxDiff = Math.max(maxDiff, Math.abs(ref[i][k] - base[m][i][k]));
                    }
                }
            }
            long ms = System.nanoTime();
            e.metaLearner().probabilities(MetaLearner.stack(base));
            if (measured) perModel[models.size()][r] = (System.nanoTime() - ms) / 1e6;
        }
        return new Rounds(total, perModel, smile, maxDiff);
    }

    /**
     * @param perModelMedianMs median per base model and the meta-learner, 50 rows each
     * @param svmSmileMedianMs the SVM through smile's own row-by-row scoring (the reference of its batched path)
     * @param svmMaxDifference largest difference between the two paths' probabilities over every timed batch
     */
    public record SavedResult(int columns, double inferenceMedianMs, double inferenceP90Ms, Map<String, Double> perModelMedianMs,
                              double svmSmileMedianMs, double svmMaxDifference, int repeats) {}

    /**
     * Times a saved ensemble on {@link #CANDIDATES} seeded random rows (standard normal in every column:
     * the kernel and tree costs do not depend on the values), per base model, and the SVM once more
     * through smile's reference path, checking both give the same probabilities.
     */
    public static SavedResult onSaved(StackedEnsemble e, int repeats, long seed) {
        Random rnd = new Random(seed);
        int p = e.columns().size();
        Rounds t = time(e, repeats, round -> {
            double[][] batch = new double[CANDIDATES][p];
            for (double[] r : batch) for (int j = 0; j < p; j++) r[j] = rnd.nextGaussian();
            return batch;
        });
        return new SavedResult(p, quantile(t.total, 0.5), quantile(t.total, 0.9), t.medians(e), quantile(t.svmSmile, 0.5),
                t.svmMaxDifference, repeats);
    }

    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * (s.length - 1) + 0.5))];
    }
}
