package autotrader.predict;

import autotrader.features.FeatureEngine;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The models committed in models/predictors: present, matching the feature engine, honest cards, and fast enough. */
class CommittedModelsTest {

    static final Path DIR = Path.of(System.getProperty("user.dir")).getParent().resolve("models/predictors");

    @BeforeAll
    static void needsModels() {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "no committed models in " + DIR);
    }

    @Test
    void allSixLoadAndTheirCardsAreComplete() throws Exception {
        Predictors predictors = new Predictors(DIR);
        for (Timeframe tf : Timeframe.values()) {
            PredictorModel m = predictors.model(tf);
            assertEquals(FeatureEngine.featureNames(), m.featureNames());
            assertTrue(Files.size(Predictors.modelFile(DIR, tf)) < 5_000_000, tf + " model is over 5 MB");
            PredictorCard card = PredictorCard.read(Predictors.cardFile(DIR, tf));
            assertEquals(tf.label(), card.timeframe());
            assertEquals(m.sequenceLength(), card.sequenceLength());
            assertEquals(card.metrics().rmse() < card.metrics().naiveRmse(), card.beatsNaiveBaseline());
            assertEquals(!card.beatsNaiveBaseline(), card.verdict().startsWith("WORSE THAN THE NAIVE BASELINE"), card.verdict());
            assertFalse(card.simulated(), "committed models are trained on recorded bars");
            if (tf == Timeframe.D1) assertTrue(card.validation().to().compareTo("2016-02-01") < 0, card.validation().to());
        }
    }

    @Test
    void oneThreadAndTwoThreadsGiveTheSameForecasts() {
        Predictors one = new Predictors(DIR), two = new Predictors(DIR).threads(2);
        List<Predictors.Input> inputs = PredictBench.inputs(one);
        List<Predictors.Forecast> a = one.predict(inputs), b = two.predict(inputs);
        assertEquals(300, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(inputs.get(i).symbol(), a.get(i).symbol());
            assertEquals(inputs.get(i).timeframe(), a.get(i).timeframe());
            assertTrue(Double.isFinite(a.get(i).price()) && a.get(i).price() > 0);
            assertEquals(a.get(i).logReturn(), b.get(i).logReturn(), 1e-6);
        }
    }

    @Test
    @Tag("slow")
    void benchPredictReportsAMedian() {
        PredictBench.Result r = PredictBench.run(DIR, 5);
        System.out.println("bench predict: " + r);
        assertTrue(r.medianMs() > 0);
    }
}
