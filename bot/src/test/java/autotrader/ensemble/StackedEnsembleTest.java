package autotrader.ensemble;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.stream.IntStream;
import static org.junit.jupiter.api.Assertions.*;

/** Trains once on a small learnable synthetic problem and checks the model, its card and its persistence. */
class StackedEnsembleTest {

    static EnsembleDataset data;
    static EnsembleTrainer.Result trained;
    static final List<TrainingProgress.Step> steps = new ArrayList<>();
    static final LabelSettings LABELS = LabelSettings.defaults();

    @BeforeAll
    static void train() {
        // 5 names per decision time: the fewest the skill's rank correlation uses
        data = SyntheticEnsembleData.generate(1500, 12, 5, 6, 0.5, 7);
        EnsembleSettings s = EnsembleSettings.defaults().small().withFolds(5, 3);
        trained = EnsembleTrainer.train(data, s, LABELS, steps::add);
    }

    @AfterAll
    static void close() {
        trained.ensemble().close();
    }

    @Test
    void stackedModelBeatsAlwaysHoldOnHeldOutData() {
        ModelCard card = trained.card();
        ModelCard.Metrics stacked = card.holdoutMetrics().get("stacked");
        assertTrue(stacked.accuracy() > card.alwaysHold().accuracy() + 0.1,
                "stacked " + stacked.accuracy() + " vs always HOLD " + card.alwaysHold().accuracy());
        assertTrue(stacked.aucMacro() > 0.8, "AUC " + stacked.aucMacro());
        assertTrue(stacked.logLoss() < card.holdoutMetrics().get("class_prior").logLoss());
        assertTrue(stacked.brier() < card.holdoutMetrics().get("class_prior").brier());
        for (BaseModelKind k : BaseModelKind.values()) {
            assertTrue(card.holdoutMetrics().get(k.modelName()).aucMacro() > 0.6, k + " learned something");
        }
        assertNotNull(card.scannerRank().accuracy(), "momentum_score column present");
        assertEquals(10, card.reliability().bins().size());
    }

    @Test
    void heldOutPeriodStartsAfterEveryTrainingLabel() {
        ModelCard card = trained.card();
        assertTrue(card.holdout().from().isAfter(card.train().to()));
        assertTrue(card.rowsDroppedAtHoldoutBoundary() > 0, "rows whose labels reach into the held-out period are dropped");
        assertEquals(card.train().rows() + card.holdout().rows() + card.rowsDroppedAtHoldoutBoundary(), data.rows());
    }

    @Test
    void progressReportsEveryFoldAndModel() {
        assertEquals(5 * 5 + 5 + 1, steps.size());
        TrainingProgress.Step first = steps.get(0);
        assertEquals("cv", first.phase());
        assertEquals(1, first.fold());
        assertEquals("random_forest", first.model());
        assertTrue(first.describe().startsWith("fold 1/5 random_forest"), first.describe());
        assertEquals(steps.size(), steps.get(steps.size() - 1).done());
    }

    @Test
    void predictionCarriesDecisionConfidenceAndAgreement() {
        EnsemblePrediction p = trained.ensemble().predict(data.columns(), new double[][] {data.inputs(data.rows() - 1)}).get(0);
        assertEquals(1.0, Arrays.stream(p.probabilities()).sum(), 1e-9);
        assertEquals(Decision.argmax(p.probabilities()), p.decision());
        assertEquals(trained.ensemble().confidence(p.decision(), p.probabilities()), p.confidence(), "BUY: calibrated; see below");
        long agreeing = p.baseDecisions().values().stream().filter(d -> d == p.decision()).count();
        assertEquals(agreeing, p.agreeingModels());
        assertTrue(p.agreeingModels() >= 0 && p.agreeingModels() <= 5);
    }

    @Test
    void buyConfidenceIsTheCalibratedProbabilityAndOthersAreUnchanged() {
        StackedEnsemble e = trained.ensemble();
        assertNotNull(e.calibrator(), "a newly trained model is calibrated");
        List<EnsemblePrediction> all = e.predict(data);
        double[][] p = e.probabilities(data.inputMatrix());
        int buys = 0;
        for (int i = 0; i < all.size(); i++) {
            EnsemblePrediction q = all.get(i);
            assertEquals(Decision.argmax(p[i]), q.decision(), "the decision is still the meta-learner's argmax");
            assertArrayEquals(p[i], q.probabilities(), 0.0);
            if (q.decision() == Decision.BUY) {
                buys++;
                assertEquals(e.calibrator().calibrate(p[i][Decision.BUY.index()]), q.confidence(), 0.0);
            } else {
                assertEquals(p[i][q.decision().index()], q.confidence(), 0.0);
            }
        }
        assertTrue(buys > 50, buys + " BUY calls");
        assertTrue(trained.card().notes().stream().anyMatch(n -> n.startsWith("BUY confidence calibrated")), trained.card().notes().toString());
    }

    @Test
    void cardCarriesTheHeldOutSkill() {
        ModelCard card = trained.card();
        SkillRecord skill = card.skill();
        assertNotNull(skill);
        EnsembleDataset sorted = data.sortedByTime();
        int n = card.holdout().rows();
        EnsembleDataset holdout = sorted.subset(IntStream.range(sorted.rows() - n, sorted.rows()).toArray());
        assertEquals(card.holdout().from(), holdout.decisionTime(0), "the held-out rows are the last ones by time");
        assertEquals(n, skill.rows(), "every held-out row has a realised return");
        assertEquals(n / 5, skill.decisionTimes(), "5 names at every held-out time");
        long buyCalls = trained.ensemble().predict(holdout).stream().filter(q -> q.decision() == Decision.BUY).count();
        assertEquals(buyCalls, skill.buyTrades());
        assertEquals(skill.buyTrades(), skill.buckets().stream().mapToInt(SkillRecord.Bucket::trades).sum());
        assertEquals(card.holdout().from(), skill.from());
        assertEquals(card.holdout().to(), skill.to());
        assertTrue(skill.source().startsWith("held-out ") && skill.source().endsWith(", " + n + " rows"), skill.source());
        assertFalse(skill.source().contains("not calibrated"));
        assertEquals("P(BUY)", skill.score());
        assertTrue(skill.ic() > 0.3, "the synthetic signal ranks the returns: IC " + skill.ic());
        assertTrue(skill.icT() > 3, "t " + skill.icT());
        assertTrue(skill.topMinusBottom() > 0);
        assertTrue(skill.buyWinRate() > 0.5, "BUY calls mostly win: " + skill.buyWinRate());
        assertEquals(SkillMeasure.roundTripCost(LABELS), skill.roundTripCost());
        // The synthetic labels outlast the next decision times, so the lag covers their overlap (at least the usual bandwidth).
        assertTrue(skill.neweyWestLag() >= SkillMeasure.defaultLag(skill.decisionTimes()), "lag " + skill.neweyWestLag());
    }

    @Test
    void folderWithoutCalibratorPredictsAsTheMetaLearner(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("old");
        EnsembleStore.save(trained.ensemble(), trained.card(), modelDir);
        Files.delete(modelDir.resolve("calibrator.ser")); // as folders saved before calibration existed
        double[][] rows = Arrays.copyOfRange(data.inputMatrix(), 0, 200);
        try (StackedEnsemble old = EnsembleStore.load(modelDir)) {
            assertNull(old.calibrator());
            List<EnsemblePrediction> before = trained.ensemble().predict(data.columns(), rows);
            List<EnsemblePrediction> after = old.predict(data.columns(), rows);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(before.get(i).decision(), after.get(i).decision());
                assertEquals(after.get(i).probability(after.get(i).decision()), after.get(i).confidence(), 0.0);
            }
            SkillRecord skill = HeldOutSkill.of(old, data.subset(new int[] {0, 1, 2, 3, 4}), "rows 0-4", null);
            assertTrue(skill.source().endsWith("; confidence not calibrated"), skill.source());
        }
    }

    @Test
    void saveAndLoadGiveIdenticalProbabilities(@TempDir Path dir) throws Exception {
        Path modelDir = dir.resolve("models/ensemble");
        EnsembleStore.save(trained.ensemble(), trained.card(), modelDir);
        double[][] rows = Arrays.copyOfRange(data.inputMatrix(), data.rows() - 50, data.rows());
        double[][][] before = trained.ensemble().baseProbabilities(rows);
        double[][] stackedBefore = trained.ensemble().probabilities(rows);
        try (StackedEnsemble loaded = EnsembleStore.load(modelDir)) {
            double[][][] after = loaded.baseProbabilities(rows);
            for (int m = 0; m < before.length; m++) {
                assertArrayEquals(flatten(before[m]), flatten(after[m]), 0.0, loaded.baseModels().get(m).name() + " round-trips");
            }
            assertArrayEquals(flatten(stackedBefore), flatten(loaded.probabilities(rows)), 0.0);
            assertEquals(data.columns(), loaded.columns());
            List<EnsemblePrediction> a = trained.ensemble().predict(data.columns(), rows);
            List<EnsemblePrediction> b = loaded.predict(data.columns(), rows);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(a.get(i).decision(), b.get(i).decision());
                assertEquals(a.get(i).confidence(), b.get(i).confidence(), 0.0, "row " + i + " (calibrated BUY confidences too)");
            }
            assertNotNull(loaded.calibrator());
        }
        ModelCard card = EnsembleStore.readCard(modelDir);
        assertEquals(trained.card().holdout(), card.holdout());
        assertEquals(trained.card().holdoutMetrics(), card.holdoutMetrics());
        assertEquals(trained.card().skill(), card.skill());
        assertTrue(Files.readString(modelDir.resolve("manifest.json")).contains("calibrator.ser"), "the manifest lists the calibrator");
        for (String f : List.of("xgboost.ubj", "lightgbm.txt", "random_forest.ser", "neural_net.ser", "svm.ser",
                "meta_learner.ser", "calibrator.ser", "columns.json", "manifest.json", "model_card.json")) {
            assertTrue(Files.isRegularFile(modelDir.resolve(f)), f);
        }
        EnsembleStore.save(trained.ensemble(), trained.card(), modelDir); // overwriting an existing model works
        assertFalse(Files.exists(dir.resolve("models/ensemble.tmp")));
    }

    @Test
    void inputsWithOtherColumnsAreRefused() {
        StackedEnsemble e = trained.ensemble();
        List<String> renamed = new ArrayList<>(data.columns());
        renamed.set(3, "f3_renamed");
        double[][] row = {data.inputs(0)};
        ColumnMismatchException ex = assertThrows(ColumnMismatchException.class, () -> e.predict(renamed, row));
        assertTrue(ex.getMessage().contains("missing 1: [f3]"), ex.getMessage());
        assertTrue(ex.getMessage().contains("unexpected 1: [f3_renamed]"), ex.getMessage());

        List<String> swapped = new ArrayList<>(data.columns());
        swapped.set(1, data.columns().get(2));
        swapped.set(2, data.columns().get(1));
        ex = assertThrows(ColumnMismatchException.class, () -> e.predict(swapped, row));
        assertTrue(ex.getMessage().contains("another order: position 1 is 'f2'"), ex.getMessage());

        EnsembleDataset other = SyntheticEnsembleData.generate(20, 11, 1, 2, 0.5, 1);
        ex = assertThrows(ColumnMismatchException.class, () -> e.predict(other));
        assertTrue(ex.getMessage().contains("trained on 12 columns, the input has 11"), ex.getMessage());
        assertTrue(ex.getMessage().contains("missing 1: [f11]"), ex.getMessage());

        Map<String, Double> byName = new HashMap<>();
        for (int j = 0; j < data.columns().size(); j++) byName.put(data.columns().get(j), data.inputs(0)[j]);
        assertEquals(e.predict(data.columns(), row).get(0).decision(), e.predict(byName).decision());
        byName.remove("f5");
        ex = assertThrows(ColumnMismatchException.class, () -> e.predict(byName));
        assertTrue(ex.getMessage().contains("missing 1: [f5]"), ex.getMessage());
    }

    @Test
    void trainingIsDeterministic() {
        EnsembleDataset small = SyntheticEnsembleData.generate(400, 6, 2, 4, 0.5, 11);
        EnsembleSettings s = EnsembleSettings.defaults().small().withFolds(3, 2);
        double[][] rows = Arrays.copyOfRange(small.inputMatrix(), 350, 400);
        try (StackedEnsemble a = EnsembleTrainer.train(small, s, TrainingProgress.SILENT).ensemble();
             StackedEnsemble b = EnsembleTrainer.train(small, s, TrainingProgress.SILENT).ensemble()) {
            double[][][] pa = a.baseProbabilities(rows);
            double[][][] pb = b.baseProbabilities(rows);
            for (int m = 0; m < pa.length; m++) {
                assertArrayEquals(flatten(pa[m]), flatten(pb[m]), 0.0, a.baseModels().get(m).name() + " is reproducible");
            }
            assertArrayEquals(flatten(a.probabilities(rows)), flatten(b.probabilities(rows)), 0.0);
            for (int k = 0; k <= 20; k++) assertEquals(a.calibrator().calibrate(k / 20.0), b.calibrator().calibrate(k / 20.0), 0.0);
        }
    }

    static double[] flatten(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }
}
