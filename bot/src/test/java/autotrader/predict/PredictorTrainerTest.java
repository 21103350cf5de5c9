package autotrader.predict;

import autotrader.features.FeatureEngine;
import autotrader.features.FeatureMatrix;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Trains one tiny model on a learnable series once, then checks what it learnt, saving and loading. */
class PredictorTrainerTest {

    static final PredictSettings TINY = new PredictSettings(1, 16, 5, 12, 4, 0.005, 64, 7, 3000);
    static SequenceDataset data;
    static PredictorTrainer.Result result;
    static List<String> lines = new ArrayList<>();

    @BeforeAll
    static void trainOnce() {
        // r[t+1] = 0.6 r[t] + noise: the sign of the next return follows the sign of the last one
        // (log_ret_1 is a feature), so a model can beat the zero forecast by about 20% in RMSE.
        List<Bar> bars = PredictTestData.ar1Daily(11, 2400, 0.6, 0.01);
        data = new DatasetBuilder(MarketCalendar.nyse()).build(Map.of("AR1", bars), Timeframe.D1, TINY.sequenceLength(),
                TINY.maxSamples(), lines::add);
        result = new PredictorTrainer(TINY, lines::add).train(data,
                new PredictorTrainer.Source("test AR(1) series", true, "SIMULATED AR(1) daily bars", "none", List.of(), data.candidates()));
    }

    @Test
    void aLearnableSeriesBeatsTheNaiveBaselineOnValidation() {
        PredictorCard card = result.card();
        PredictorCard.Metrics m = card.metrics();
        assertTrue(card.beatsNaiveBaseline(), card.verdict());
        assertTrue(m.rmseRatio() < 0.95, "rmse ratio " + m.rmseRatio());
        assertTrue(m.directionalAccuracy() > 0.6, "direction " + m.directionalAccuracy());
        assertTrue(m.correlation() > 0.3, "correlation " + m.correlation());
        assertTrue(card.training().epochsRun() >= 1 && card.training().bestEpoch() >= 1);
        assertEquals(FeatureEngine.featureNames(), card.featureNames());
        // on 1d: the scanner features (no history) and the intraday-only ones are never seen in training
        List<String> scanner = FeatureEngine.featureSpecs().stream().filter(f -> f.group().toString().equalsIgnoreCase("scanner"))
                .map(f -> f.name()).toList();
        List<String> expectedUnused = new ArrayList<>(List.of("session_vwap_dist", "session_time_frac"));
        expectedUnused.addAll(scanner);
        assertEquals(expectedUnused, card.unusedFeatures());
        // The epochs as a progress task; without a terminal its last line says how many ran, with the last losses.
        assertTrue(lines.stream().anyMatch(l -> l.matches("1d training: " + card.training().epochsRun() + "/" + card.training().epochsRun()
                + " epochs \\(100\\.0%\\), \\d+:\\d\\d:\\d\\d elapsed, done - loss .* val loss .*")), lines.toString());
    }

    @Test
    void theCardSaysPlainlyWhenTheModelIsWorseThanNaive() {
        PredictorCard.Metrics m = new PredictorCard.Metrics(10, 2.0, 1.0, 2.0, 0.5, 0.5, "up", 0.5, 0, 0, 0);
        assertFalse(m.rmse() < m.naiveRmse());
        // the verdict text is produced by the trainer; check it on a model that cannot learn (pure noise)
        List<Bar> noise = PredictTestData.ar1Daily(12, 700, 0.0, 0.01);
        SequenceDataset ds = new DatasetBuilder(MarketCalendar.nyse()).build(Map.of("N", noise), Timeframe.D1, 5, 3000, s -> { });
        var r = new PredictorTrainer(new PredictSettings(1, 4, 5, 2, 1, 0.05, 64, 1, 3000), s -> { }).train(ds,
                new PredictorTrainer.Source("noise", true, "noise", "none", List.of(), ds.candidates()));
        if (!r.card().beatsNaiveBaseline()) assertTrue(r.card().verdict().startsWith("WORSE THAN THE NAIVE BASELINE"), r.card().verdict());
        else assertTrue(r.card().verdict().contains("below the naive"));
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions(@TempDir Path dir) {
        Path zip = Predictors.modelFile(dir, Timeframe.D1);
        result.model().save(zip);
        result.card().write(Predictors.cardFile(dir, Timeframe.D1));
        PredictorModel loaded = PredictorModel.load(zip, Timeframe.D1, FeatureEngine.featureNames());
        List<SequenceDataset.Sample> some = data.samples().subList(data.size() - 40, data.size());
        double[] a = PredictorTrainer.predict(result.model(), data, some);
        double[] b = PredictorTrainer.predict(loaded, data, some);
        assertArrayEquals(a, b, 0.0);
        assertEquals(result.model().normalizer().targetScale(), loaded.normalizer().targetScale());
        PredictorCard card = PredictorCard.read(Predictors.cardFile(dir, Timeframe.D1));
        assertEquals(result.card().metrics(), card.metrics());

        // Predictors: feature matrices in, same numbers out, price = close * exp(return)
        Predictors predictors = new Predictors(dir);
        List<Predictors.Input> inputs = new ArrayList<>();
        for (SequenceDataset.Sample s : some) {
            SequenceDataset.Segment seg = data.segments().get(s.segment());
            int n = data.sequenceLength();
            double[][] rows = data.sequence(s);
            List<Instant> ends = List.of(seg.barEnds()).subList(s.endRow() - n + 1, s.endRow() + 1);
            inputs.add(new Predictors.Input(s.symbol(), Timeframe.D1, new FeatureMatrix(FeatureEngine.featureNames(), ends, rows), s.close()));
        }
        List<Predictors.Forecast> f = predictors.predict(inputs);
        for (int i = 0; i < some.size(); i++) {
            assertEquals(a[i], f.get(i).logReturn(), 0.0);
            assertEquals(some.get(i).close() * Math.exp(a[i]), f.get(i).price(), 1e-9);
            assertEquals(some.get(i).end(), f.get(i).barEnd());
            assertEquals(0, f.get(i).paddedRows());
        }
        assertSame(predictors.model(Timeframe.D1), predictors.model(Timeframe.D1), "loaded once");
    }

    @Test
    void aModelBuiltForOtherFeaturesIsRefusedNamingBothLists(@TempDir Path dir) {
        Path zip = Predictors.modelFile(dir, Timeframe.D1);
        result.model().save(zip);
        List<String> now = new ArrayList<>(FeatureEngine.featureNames());
        now.set(3, "macd_pct_v2");
        now.add("brand_new_feature");
        PredictorException e = assertThrows(PredictorException.class, () -> new Predictors(dir, now).model(Timeframe.D1));
        String msg = e.getMessage();
        assertTrue(msg.contains("new features the model lacks: [macd_pct_v2, brand_new_feature]"), msg);
        assertTrue(msg.contains("features the model has that the engine no longer computes: [macd_pct]"), msg);
        assertTrue(msg.contains("Model features (98): [rsi_7, rsi_14"), msg);
        assertTrue(msg.contains("Engine features (99): [rsi_7, rsi_14, rsi_21, macd_pct_v2"), msg);
        assertTrue(msg.contains(zip.toString()) && msg.contains("train predictors --timeframes 1d"), msg);

        List<String> reordered = new ArrayList<>(FeatureEngine.featureNames());
        Collections.swap(reordered, 0, 1);
        String msg2 = assertThrows(PredictorException.class, () -> new Predictors(dir, reordered).model(Timeframe.D1)).getMessage();
        assertTrue(msg2.contains("different order, first difference at column 0"), msg2);
    }

    @Test
    void aMissingModelNamesThePathAndTheCommand(@TempDir Path dir) {
        PredictorException e = assertThrows(PredictorException.class, () -> new Predictors(dir).model(Timeframe.H1));
        assertTrue(e.getMessage().contains(dir.resolve("1h.zip").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("autotrader train predictors --timeframes 1h"), e.getMessage());
    }

    @Test
    void shortHistoryIsPaddedWithTheTrainingMean(@TempDir Path dir) {
        result.model().save(Predictors.modelFile(dir, Timeframe.D1));
        SequenceDataset.Sample s = data.samples().get(data.size() - 1);
        double[][] rows = data.sequence(s);
        double[][] last2 = {rows[rows.length - 2], rows[rows.length - 1]};
        FeatureMatrix fm = new FeatureMatrix(FeatureEngine.featureNames(), List.of(s.end(), s.end()), last2);
        var f = new Predictors(dir).predict(List.of(new Predictors.Input("X", Timeframe.D1, fm, 10))).get(0);
        assertEquals(3, f.paddedRows());
        assertTrue(Double.isFinite(f.logReturn()));
        assertTrue(Files.exists(Predictors.modelFile(dir, Timeframe.D1)));
    }
}
