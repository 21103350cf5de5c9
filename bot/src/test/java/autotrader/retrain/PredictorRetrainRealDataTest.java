package autotrader.retrain;

import autotrader.config.AppConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.csv.CsvMarket;
import autotrader.predict.PredictorCard;
import autotrader.predict.PredictSettings;
import autotrader.predict.Predictors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The weekly 1h predictor retrain on the recorded bars in shared/data with the committed config's
 * settings (predict.* capped by retrain.predictor_max_*), against a copy of the committed 1h model:
 * how long one timeframe takes, and that the comparison holds on real data. Minutes: -Pslow.
 */
class PredictorRetrainRealDataTest {

    private static final Path SHARED = Path.of(System.getProperty("autotrader.shared", "../shared")).resolve("data").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    @Tag("slow")
    void the1hPredictorOnRecordedBars() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), "../shared/data not present: skipping real-data test");
        Path live = dir.resolve("predictors");
        Files.createDirectories(live);
        for (String f : List.of("1h.zip", "1h.json")) Files.copy(Path.of("..", "models", "predictors", f), live.resolve(f));
        CsvMarket market = new CsvMarket(SHARED, Set.of("SPY", "QQQ"));
        AppConfig.Retrain r = new AppConfig.Retrain();
        PredictSettings settings = PredictSettings.from(new AppConfig.Predict()).withMaxEpochs(r.predictorMaxEpochs)
                .withMaxSamples(r.predictorMaxSamples);
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        PredictorCard.Retrain rec = new PredictorRetrainer(live, market, MarketCalendar.nyse(), settings,
                new PredictorRetrainer.Settings(r.predictorLookbackDays, r.predictorHoldoutFraction, r.predictorTolerance), null, lines::add)
                .retrain(Timeframe.H1, market.lastAvailable());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("1h predictor retrain on shared/data: %.1f s%n%s%n%s", seconds, String.join("\n", lines),
                RetrainReport.lines(List.of(RetrainReport.Line.of(rec))));
        assertNotNull(rec.incumbentRmse(), "the committed 1h model is scored on the same samples");
        assertTrue(rec.heldOut().samples() > 100, rec.toString());
        if (rec.replaced()) assertNotNull(PredictorCard.read(Predictors.cardFile(live, Timeframe.H1)).retrain());
        else assertEquals(1, PredictorFolder.readHistory(live).size());
    }
}
