package autotrader.ensemble;

import autotrader.config.LabelKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the stacked ensemble (docs/ensemble.md):
 * <ol>
 *   <li>the last {@code holdoutFraction} of decision times is held out; training rows whose label ends at or
 *       after the held-out start are dropped, so the held-out period comes after all training information;</li>
 *   <li>purged, embargoed k-fold CV ({@link PurgedKFold}) on the training rows gives each base model's
 *       out-of-fold probabilities;</li>
 *   <li>the meta-learner is fitted on those, the base models are refitted on all training rows;</li>
 *   <li>the meta-learner is also cross-fitted over the same folds, giving out-of-fold stacked P(BUY), on
 *       which the {@link BuyCalibrator} is fitted against the trade label == BUY (the long trade beat min_edge after
 *       costs), also when the model learns the {@link RelativeLabel};</li>
 *   <li>everything is scored on the held-out rows and written into the {@link ModelCard}, with the
 *       held-out {@link SkillRecord}.</li>
 * </ol>
 * Seeds are derived from {@code settings.seed()}, so the same data and settings give the same model.
 */
public final class EnsembleTrainer {

    public record Result(StackedEnsemble ensemble, ModelCard card) {}

    private static final String MOMENTUM_COLUMN = "momentum_score";

    private EnsembleTrainer() {
    }

    /** As {@link #train(EnsembleDataset, EnsembleSettings, LabelSettings, TrainingProgress)} without the label settings: the skill's round-trip cost is then null. */
    public static Result train(EnsembleDataset dataset, EnsembleSettings settings, TrainingProgress progress) {
        return train(dataset, settings, null, progress);
    }

    /** {@code labels}: the settings the dataset was labelled with (for the skill's round-trip cost), or null. */
    public static Result train(EnsembleDataset dataset, EnsembleSettings settings, LabelSettings labels, TrainingProgress progress) {
        long started = System.nanoTime();
        EnsembleDataset data = dataset.sortedByTime();
        Split split = holdoutSplit(data, settings.holdoutFraction());
        List<String> labelNotes = new ArrayList<>();
        if (labels != null && labels.relative()) {
            // One code path for every caller (train ensemble, walk-forward, weekly retrain): the rows arrive with trade
            // labels and are relabelled here, where the training rows are known, so a chosen margin sees no held-out row.
            boolean gross = labels.label() == LabelKind.RELATIVE_GROSS;
            double[] excess = RelativeLabel.excessPerSigma(data, gross ? SkillMeasure.roundTripCost(labels) : 0.0);
            boolean chosen = Double.isNaN(labels.relativeMargin());
            double margin = chosen ? RelativeLabel.chooseMargin(excess, split.train) : labels.relativeMargin();
            data = data.withLabels(RelativeLabel.labels(excess, margin));
            labelNotes.add(String.format(Locale.ROOT, "labels: %s: long trade %s return per sigma minus the decision time's "
                    + "median candidate; BUY above +%.4f sigma, SELL below -%.4f, HOLD between; margin %s", labels.label().key(),
                    gross ? "gross (before costs)" : "net", margin, margin,
                    chosen ? "chosen on the " + split.train.length + " training rows (at least a third of them HOLD)" : "from the configuration"));
        }
        EnsembleDataset train = data.subset(split.train);
        EnsembleDataset holdout = data.subset(split.holdout);
        requireAllClasses(train.labelIndices(), "the training rows");

        List<PurgedKFold.Fold> folds = PurgedKFold.split(train.decisionTimes(), train.labelEnds(), settings.cvFolds(), settings.embargoBars());
        BaseModelKind[] kinds = BaseModelKind.values();
        Steps steps = new Steps(progress, folds.size(), folds.size() * kinds.length + kinds.length + 1, started);
        double[][] x = train.inputMatrix();
        int[] y = train.labelIndices();
        double[][][] oof = new double[kinds.length][train.rows()][];
        List<ModelCard.FoldSummary> foldSummaries = new ArrayList<>();
        for (PurgedKFold.Fold fold : folds) {
            double[][] fx = rows(x, fold.train());
            int[] fy = rows(y, fold.train());
            requireAllClasses(fy, "fold " + (fold.index() + 1) + "'s training rows");
            double[][] tx = rows(x, fold.test());
            for (BaseModelKind kind : kinds) {
                try (BaseModel model = kind.fit(fx, fy, settings, seed(settings, fold.index() + 1, kind))) {
                    double[][] p = model.probabilities(tx);
                    for (int i = 0; i < fold.test().length; i++) oof[kind.ordinal()][fold.test()[i]] = p[i];
                }
                steps.done("cv", fold.index() + 1, kind.modelName());
            }
            int purged = train.rows() - fold.train().length - fold.test().length;
            foldSummaries.add(new ModelCard.FoldSummary(fold.index() + 1, fold.train().length, fold.test().length, purged));
        }

        double[][] stackedOof = MetaLearner.stack(oof);
        MetaLearner meta = MetaLearner.fit(stackedOof, y, settings.metaLambda());
        boolean[] tradeWon = new boolean[train.rows()];
        for (int i = 0; i < tradeWon.length; i++) tradeWon[i] = train.tradeLabel(i) == Decision.BUY;
        BuyCalibrator calibrator = calibrator(stackedOof, y, tradeWon, folds, settings);
        steps.done("meta", 0, "logistic_regression");
        List<BaseModel> finals = new ArrayList<>();
        for (BaseModelKind kind : kinds) {
            finals.add(kind.fit(x, y, settings, seed(settings, 0, kind)));
            steps.done("final", 0, kind.modelName());
        }
        StackedEnsemble ensemble = new StackedEnsemble(data.columns(), finals, meta, calibrator);

        Map<String, ModelCard.Metrics> cv = new LinkedHashMap<>();
        for (BaseModelKind kind : kinds) cv.put(kind.modelName(), ModelCard.Metrics.of(oof[kind.ordinal()], y));
        ModelCard card = evaluate(ensemble, train, holdout, split.dropped, foldSummaries, cv, settings,
                labels == null ? null : SkillMeasure.roundTripCost(labels), (System.nanoTime() - started) / 1e9);
        if (!labelNotes.isEmpty()) {
            List<String> notes = new ArrayList<>(labelNotes);
            // The calibration note names its target: the trade label, which is no longer the label the model learned.
            for (String n : card.notes()) notes.add(n.replace(BuyCalibrator.DESCRIPTION, BuyCalibrator.DESCRIPTION_RELATIVE));
            card = card.withNotes(notes);
        }
        return new Result(ensemble, card);
    }

    /**
     * Out-of-fold stacked P(BUY): for each fold, a meta-learner fitted on the other folds' (purged) rows of
     * the out-of-fold base probabilities predicts the fold's rows. The final meta-learner saw every row, so
     * its own P(BUY) on them would look better than it is on new rows; these do not. {@code won}: whether each
     * row's long trade beat min_edge after costs (its trade label is BUY), whatever label the model learns.
     */
    private static BuyCalibrator calibrator(double[][] stackedOof, int[] y, boolean[] won, List<PurgedKFold.Fold> folds,
                                            EnsembleSettings settings) {
        double[] buy = new double[y.length];
        for (PurgedKFold.Fold fold : folds) {
            MetaLearner m = MetaLearner.fit(rows(stackedOof, fold.train()), rows(y, fold.train()), settings.metaLambda());
            double[][] p = m.probabilities(rows(stackedOof, fold.test()));
            for (int i = 0; i < fold.test().length; i++) buy[fold.test()[i]] = p[i][Decision.BUY.index()];
        }
        return BuyCalibrator.fit(buy, won);
    }

    private static ModelCard evaluate(StackedEnsemble ensemble, EnsembleDataset train, EnsembleDataset holdout, int dropped,
                                      List<ModelCard.FoldSummary> folds, Map<String, ModelCard.Metrics> cv,
                                      EnsembleSettings settings, Double roundTripCost, double seconds) {
        List<String> notes = new ArrayList<>();
        notes.add("BUY confidence calibrated: " + BuyCalibrator.DESCRIPTION + " (" + ensemble.calibrator().rows()
                + " training rows); SELL and HOLD confidence is the meta-learner's probability");
        SkillRecord skill = null;
        Map<String, ModelCard.Metrics> metrics = new LinkedHashMap<>();
        ModelCard.Metrics alwaysHold = null;
        ModelCard.Metrics scanner = null;
        ReliabilityTable reliability = null;
        if (holdout.rows() == 0) {
            notes.add("no held-out rows: nothing was scored");
        } else {
            int[] y = holdout.labelIndices();
            double[][] x = holdout.inputMatrix();
            double[][][] base = ensemble.baseProbabilities(x);
            for (int m = 0; m < base.length; m++) metrics.put(ensemble.baseModels().get(m).name(), ModelCard.Metrics.of(base[m], y));
            double[][] stacked = ensemble.metaLearner().probabilities(MetaLearner.stack(base));
            metrics.put("stacked", ModelCard.Metrics.of(stacked, y));
            metrics.put("class_prior", ModelCard.Metrics.of(constantRows(classFrequencies(train), y.length), y));
            double[][] hold = constantRows(new double[] {0, 1, 0}, y.length);
            alwaysHold = new ModelCard.Metrics(null, null, Scores.brier(hold, y), Scores.accuracy(hold, y));
            int momentum = holdout.columns().indexOf(MOMENTUM_COLUMN);
            if (momentum >= 0) {
                scanner = new ModelCard.Metrics(null, null, null, Scores.accuracy(scannerRank(x, momentum), y));
            } else {
                notes.add("no momentum_score column: the scanner-rank baseline was not computed");
            }
            reliability = ReliabilityTable.of(stacked, y, 10);
            skill = HeldOutSkill.of(ensemble, holdout, stacked,
                    HeldOutSkill.describe("held-out", List.of(holdout.decisionTimes())), roundTripCost);
            for (int k = 0; k < Decision.COUNT; k++) {
                if (holdout.classCounts()[k] == 0) notes.add("no " + Decision.ofIndex(k) + " rows in the held-out period: AUC averages the other classes");
            }
        }
        return new ModelCard("stacked ensemble: random_forest, xgboost, lightgbm, neural_net, svm -> multinomial logistic regression",
                Instant.now(), train.columns().size(), range(train), range(holdout), dropped,
                balance(train), balance(holdout), folds, metrics, cv, alwaysHold, scanner, reliability, seconds, settings, notes, skill);
    }

    /**
     * The scanner alone: BUY for rows in the top third by momentum_score over the held-out rows (a global
     * cut, because a dataset may hold one symbol per decision time), HOLD otherwise; NaN scores are HOLD.
     */
    static Decision[] scannerRank(double[][] x, int column) {
        double[] finite = Arrays.stream(x).mapToDouble(r -> r[column]).filter(Double::isFinite).sorted().toArray();
        Decision[] out = new Decision[x.length];
        if (finite.length == 0) {
            Arrays.fill(out, Decision.HOLD);
            return out;
        }
        double cut = finite[finite.length - (finite.length + 2) / 3]; // the smallest score of the top ceil(n/3)
        for (int i = 0; i < x.length; i++) out[i] = x[i][column] >= cut ? Decision.BUY : Decision.HOLD;
        return out;
    }

    private record Split(int[] train, int[] holdout, int dropped) {}

    /** Rows decided from the held-out start on are held out; earlier rows whose label reaches into it are dropped. */
    static Split holdoutSplit(EnsembleDataset data, double fraction) {
        Instant[] times = Arrays.stream(data.decisionTimes()).distinct().sorted().toArray(Instant[]::new);
        int cut = (int) Math.ceil(times.length * (1 - fraction));
        if (cut >= times.length) return new Split(allRows(data.rows()), new int[0], 0);
        Instant start = times[cut];
        List<Integer> train = new ArrayList<>();
        List<Integer> holdout = new ArrayList<>();
        int dropped = 0;
        for (int i = 0; i < data.rows(); i++) {
            if (!data.decisionTime(i).isBefore(start)) holdout.add(i);
            else if (data.labelEnd(i).isBefore(start)) train.add(i);
            else dropped++;
        }
        return new Split(train.stream().mapToInt(Integer::intValue).toArray(),
                holdout.stream().mapToInt(Integer::intValue).toArray(), dropped);
    }

    private static long seed(EnsembleSettings s, int fold, BaseModelKind kind) {
        return s.seed() * 1_000_003L + fold * 101L + kind.ordinal();
    }

    private static void requireAllClasses(int[] y, String what) {
        int[] counts = new int[Decision.COUNT];
        for (int v : y) counts[v]++;
        for (int k = 0; k < Decision.COUNT; k++) {
            if (counts[k] < 2) {
                throw new IllegalArgumentException(what + " have " + counts[k] + " " + Decision.ofIndex(k)
                        + " rows; every class needs at least 2 (more data, fewer folds or other label settings)");
            }
        }
    }

    private static double[] classFrequencies(EnsembleDataset d) {
        int[] c = d.classCounts();
        double[] f = new double[c.length];
        for (int k = 0; k < c.length; k++) f[k] = (double) c[k] / d.rows();
        return f;
    }

    private static double[][] constantRows(double[] row, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) out[i] = row.clone();
        return out;
    }

    private static Map<String, Integer> balance(EnsembleDataset d) {
        Map<String, Integer> m = new LinkedHashMap<>();
        int[] c = d.classCounts();
        for (Decision k : Decision.values()) m.put(k.name(), c[k.index()]);
        return m;
    }

    private static ModelCard.Range range(EnsembleDataset d) {
        if (d.rows() == 0) return new ModelCard.Range(null, null, 0);
        return new ModelCard.Range(d.decisionTime(0), d.decisionTime(d.rows() - 1), d.rows());
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) out[i] = x[idx[i]];
        return out;
    }

    static int[] rows(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = y[idx[i]];
        return out;
    }

    /** Counts finished steps and reports them with a naive ETA (mean step time x steps left). */
    private static final class Steps {
        private final TrainingProgress progress;
        private final int folds;
        private final int total;
        private final long started;
        private int done;

        Steps(TrainingProgress progress, int folds, int total, long started) {
            this.progress = progress;
            this.folds = folds;
            this.total = total;
            this.started = started;
        }

        void done(String phase, int fold, String model) {
            done++;
            long elapsed = System.nanoTime() - started;
            long eta = elapsed / done * (total - done);
            progress.report(new TrainingProgress.Step(phase, fold, folds, model, done, total,
                    Duration.ofNanos(elapsed), Duration.ofNanos(eta)));
        }
    }
}
