package autotrader.retrain;

import autotrader.ensemble.StackedEnsemble;
import autotrader.features.FeatureEngine;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.pipeline.CycleRunner;
import autotrader.predict.DatasetBuilder;
import autotrader.predict.PredictorCard;
import autotrader.predict.PredictSettings;
import autotrader.predict.PredictTestData;
import autotrader.predict.PredictorModel;
import autotrader.predict.PredictorTrainer;
import autotrader.predict.Predictors;
import autotrader.predict.SequenceDataset;
import autotrader.testing.InMemoryMarket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static autotrader.retrain.RetrainFixtures.DATA;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The weekly retrain of one predictor on a market whose daily returns follow an AR(1) (r[t+1] = 0.6 r[t]
 * + noise: learnable from the last return, a feature): a tiny LSTM, a few seconds per training.
 */
class PredictorRetrainerTest {

    static final PredictSettings TINY = new PredictSettings(1, 8, 8, 10, 3, 0.005, 64, 7, 4000);
    static final MarketCalendar CAL = MarketCalendar.nyse();
    static final InMemoryMarket MARKET = new InMemoryMarket();
    /** An hour into a session: that session's bar is not over, so it may not be a target. */
    static Instant asOf;
    /** Trained on pure noise for one epoch: knows nothing about the AR(1). */
    static PredictorTrainer.Result noise;
    /** Trained on the AR(1) market up to asOf with more epochs: a strong live model. */
    static PredictorTrainer.Result strong;

    @TempDir
    Path dir;

    @BeforeAll
    static void marketAndModels() {
        MARKET.putDaily("AAA", PredictTestData.ar1Daily(21, 1100, 0.6, 0.01));
        MARKET.putDaily("BBB", PredictTestData.ar1Daily(22, 1100, 0.6, 0.01));
        // Bars run to 1994-05; the retrain is as of a session in the middle, so later bars exist but must not be used.
        List<Bar> a = MARKET.bars("AAA", Timeframe.D1, Instant.MAX, 2000);
        asOf = a.get(900).start().plusSeconds(3600);

        List<Bar> flat = PredictTestData.ar1Daily(23, 700, 0.0, 0.01);
        SequenceDataset n = new DatasetBuilder(CAL).build(Map.of("N", flat), Timeframe.D1, TINY.sequenceLength(), TINY.maxSamples(), s -> { });
        noise = new PredictorTrainer(TINY.withMaxEpochs(1), s -> { }).train(n, source("noise"));

        SequenceDataset ar = new DatasetBuilder(CAL).build(MARKET, List.of("AAA", "BBB"), 0, Timeframe.D1, null, asOf,
                TINY.sequenceLength(), TINY.maxSamples(), s -> { });
        strong = new PredictorTrainer(TINY.withMaxEpochs(15), s -> { }).train(ar, source("strong"));
        assertTrue(strong.card().beatsNaiveBaseline(), strong.card().verdict());
    }

    private static PredictorTrainer.Source source(String what) {
        return new PredictorTrainer.Source(what, true, what, "none", List.of(), 0);
    }

    private PredictorRetrainer retrainer(Path live, PredictorRetrainer.CandidateTrainer trainer) {
        return new PredictorRetrainer(live, MARKET, CAL, TINY, new PredictorRetrainer.Settings(800, 0.2, 0.0), trainer, null);
    }

    /** The live folder: the given 1d model with its card, and another timeframe's files that a retrain of 1d must keep as they are. */
    private Path live(PredictorTrainer.Result model) throws IOException {
        Path live = dir.resolve("predictors");
        model.model().save(Predictors.modelFile(live, Timeframe.D1));
        model.card().write(Predictors.cardFile(live, Timeframe.D1));
        Files.writeString(Predictors.modelFile(live, Timeframe.H1), "the 1h model's bytes");
        Files.writeString(Predictors.cardFile(live, Timeframe.H1), "{\"timeframe\": \"1h\"}");
        return live;
    }

    @Test
    void aBetterCandidateReplacesTheLivePredictorAndItsCardHoldsBothScores() throws IOException {
        Path live = live(noise);
        Map<String, byte[]> before = RetrainFixtures.files(live);

        PredictorCard.Retrain r = retrainer(live, null).retrain(Timeframe.D1, asOf);

        assertTrue(r.replaced(), r.reason());
        assertNotNull(r.incumbentRmse());
        assertTrue(r.candidateRmse() < r.incumbentRmse(), r.candidateRmse() + " vs " + r.incumbentRmse());
        assertTrue(r.candidateRmse() < r.naiveRmse(), "the candidate learnt the AR(1): " + r.candidateRmse() + " vs naive " + r.naiveRmse());
        assertTrue(r.reason().startsWith("not worse: RMSE"), r.reason());
        // Held out: the latest samples, after the candidate's, none with a target after the retrain time.
        Instant cut = Instant.parse(r.heldOutCut());
        assertTrue(Instant.parse(r.train().to()).compareTo(cut) <= 0);
        assertTrue(Instant.parse(r.heldOut().from()).isAfter(cut));
        assertFalse(Instant.parse(r.heldOut().to()).isAfter(asOf), r.heldOut().to() + " after " + asOf);
        assertTrue(r.heldOut().samples() > 50 && r.train().samples() > 4 * r.heldOut().samples() / 2, r.toString());
        assertTrue(r.purgedSamples() > 0, "sequences straddling the cut are purged");

        // The folder now holds the candidate with its card; the other files are byte for byte the old ones.
        PredictorCard card = PredictorCard.read(Predictors.cardFile(live, Timeframe.D1));
        assertNotNull(card.retrain(), "the card records the comparison");
        assertEquals(r.candidateRmse(), card.retrain().candidateRmse());
        assertEquals(r.incumbentRmse(), card.retrain().incumbentRmse());
        assertEquals(noise.card().createdAt(), card.retrain().incumbentCreatedAt());
        assertNull(card.retrain().rejectedCandidate());
        Map<String, byte[]> after = RetrainFixtures.files(live);
        for (String other : List.of("1h.zip", "1h.json")) assertArrayEquals(before.get(other), after.get(other), other);
        assertFalse(Arrays.equals(before.get("1d.zip"), after.get("1d.zip")));
        assertTrue(after.containsKey(ModelFolderSwap.COMPLETE_MARKER), "the swapped folder says it is complete");
        assertEquals(PredictorFolder.sha256(live.resolve("1d.zip")),
                PredictorCard.JSON.readTree(live.resolve("manifest.json").toFile()).at("/files/1d.zip/sha256").asText());
        assertArrayEquals(before.get("1d.zip"), Files.readAllBytes(ModelFolderSwap.previous(live).resolve("1d.zip")), "old set kept for rollback");
        assertFalse(Files.exists(ModelFolderSwap.staging(live)));

        // The installed zip is the candidate that was scored: reloading it gives its held-out RMSE again.
        PredictorModel installed = PredictorModel.load(Predictors.modelFile(live, Timeframe.D1), Timeframe.D1, FeatureEngine.featureNames());
        assertEquals(TINY.sequenceLength(), installed.sequenceLength());

        List<PredictorCard.Retrain> history = PredictorFolder.readHistory(live);
        assertEquals(1, history.size());
        assertTrue(history.get(0).replaced());
        assertTrue(Files.exists(dir.resolve("predictors-retrain-history.json")), "history beside the folder, not in it");
        String table = RetrainReport.lines(List.of(RetrainReport.Line.of(r)));
        assertTrue(table.contains("lstm 1d") && table.contains("rmse") && table.contains("replaced") && table.contains("naive RMSE"), table);
    }

    @Test
    void aWorseCandidateIsRejectedAndTheFolderIsLeftByteForByte() throws IOException {
        Path live = live(strong);
        Map<String, byte[]> before = RetrainFixtures.files(live);
        List<Integer> trainedOn = new ArrayList<>();
        // The candidate is the noise model, whatever samples it is given.
        PredictorRetrainer.CandidateTrainer crippled = (samples, source) -> {
            trainedOn.add(samples.size());
            return noise;
        };

        PredictorCard.Retrain r = retrainer(live, crippled).retrain(Timeframe.D1, asOf);

        assertFalse(r.replaced(), r.reason());
        assertTrue(r.reason().startsWith("worse RMSE"), r.reason());
        assertTrue(r.candidateRmse() > r.incumbentRmse());
        assertEquals(List.of(r.train().samples()), trainedOn, "the candidate gets only the samples before the held-out cut");
        Map<String, byte[]> after = RetrainFixtures.files(live);
        assertEquals(before.keySet(), after.keySet());
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f);
        assertFalse(Files.exists(ModelFolderSwap.staging(live)));
        assertFalse(Files.exists(ModelFolderSwap.previous(live)));

        List<PredictorCard.Retrain> history = PredictorFolder.readHistory(live);
        assertEquals(1, history.size());
        assertFalse(history.get(0).replaced());
        assertNotNull(history.get(0).rejectedCandidate(), "the rejected candidate's card is kept in the history");
        assertEquals(noise.card().createdAt(), history.get(0).rejectedCandidate().createdAt());

        // A tolerance as large as the gap lets the same candidate through.
        double gap = r.candidateRmse() - r.incumbentRmse();
        PredictorCard.Retrain tolerant = new PredictorRetrainer(live, MARKET, CAL, TINY, new PredictorRetrainer.Settings(800, 0.2, gap * 1.01),
                crippled, null).retrain(Timeframe.D1, asOf);
        assertTrue(tolerant.replaced(), tolerant.reason());
    }

    @Test
    void noLiveModelOrAnotherSequenceLengthCannotBeComparedSoTheCandidateIsInstalled() throws IOException {
        Path live = dir.resolve("predictors");
        PredictorCard.Retrain r = retrainer(live, (s, src) -> noise).retrain(Timeframe.D1, asOf);
        assertTrue(r.replaced());
        assertNull(r.incumbentRmse());
        assertTrue(r.reason().contains("no usable live model"), r.reason());
        assertTrue(Files.exists(Predictors.modelFile(live, Timeframe.D1)));

        // The live model reads 6 bars per sequence, the configured length is 8: not scorable on the same samples.
        List<Bar> flat = PredictTestData.ar1Daily(24, 400, 0.0, 0.01);
        SequenceDataset six = new DatasetBuilder(CAL).build(Map.of("N", flat), Timeframe.D1, 6, 1000, s -> { });
        PredictorTrainer.Result shorter = new PredictorTrainer(TINY.withSequence(6).withMaxEpochs(1), s -> { }).train(six, source("six"));
        shorter.model().save(Predictors.modelFile(live, Timeframe.D1));
        shorter.card().write(Predictors.cardFile(live, Timeframe.D1));
        PredictorCard.Retrain other = retrainer(live, (s, src) -> noise).retrain(Timeframe.D1, asOf);
        assertTrue(other.replaced());
        assertTrue(other.reason().contains("takes sequences of 6 bars"), other.reason());
        assertEquals(8, PredictorModel.load(Predictors.modelFile(live, Timeframe.D1), Timeframe.D1, FeatureEngine.featureNames()).sequenceLength());
    }

    @Test
    void theDaemonsHolderPicksUpTheSwappedPredictorsForTheNextCycle() throws IOException {
        Path ensemble = dir.resolve("ensemble");
        RetrainFixtures.install(RetrainFixtures.crippled(DATA.train()), ensemble);
        Path live = live(noise);
        List<Predictors> given = new ArrayList<>();
        try (LiveModels holder = new LiveModels(ensemble, List.of(live), (StackedEnsemble e) -> {
            Predictors p = new Predictors(live);
            p.model(Timeframe.D1); // what the first cycle does
            given.add(p);
            return new CycleRunner(null, null, p, e, TINY.sequenceLength(), null);
        }, () -> "set " + given.size())) {
            LiveModels.Models first = holder.current();
            assertSame(first, holder.current(), "nothing changed on disk");

            // Half a swap: the predictors folder is briefly missing; the loaded set stays in use.
            Files.move(live, ModelFolderSwap.previous(live));
            assertSame(first, holder.current());
            Files.move(ModelFolderSwap.previous(live), live);
            assertSame(first, holder.current());

            PredictorCard.Retrain r = retrainer(live, null).retrain(Timeframe.D1, asOf);
            assertTrue(r.replaced(), r.reason());

            LiveModels.Models second = holder.current();
            assertNotSame(first.runner(), second.runner());
            assertEquals("set 2", second.versions());
            assertEquals(2, given.size());
            SequenceDataset ds = new DatasetBuilder(CAL).build(MARKET, List.of("AAA"), 0, Timeframe.D1, null, asOf, TINY.sequenceLength(),
                    200, s -> { });
            List<SequenceDataset.Sample> some = ds.samples().subList(ds.size() - 20, ds.size());
            double[] oldP = PredictorTrainer.predict(given.get(0).model(Timeframe.D1), ds, some);
            double[] newP = PredictorTrainer.predict(given.get(1).model(Timeframe.D1), ds, some);
            double[] installed = PredictorTrainer.predict(PredictorModel.load(Predictors.modelFile(live, Timeframe.D1), Timeframe.D1,
                    FeatureEngine.featureNames()), ds, some);
            assertArrayEquals(installed, newP, 0.0, "the next cycle predicts with the installed model");
            assertFalse(Arrays.equals(oldP, newP), "which is not the old one");
            assertSame(second, holder.current());
        }
    }
}
