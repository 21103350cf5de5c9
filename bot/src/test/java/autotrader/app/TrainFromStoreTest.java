package autotrader.app;

import autotrader.backtest.SyntheticDaily;
import autotrader.predict.PredictorCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** `train predictors --source store`: a tiny LSTM on bars imported into the bar store; its card names the store, not a simulator. */
class TrainFromStoreTest {

    @TempDir
    Path dir;

    @Test
    void trainsOnTheStoreAndTheCardSaysRecordedBars() throws Exception {
        SyntheticDaily.csvFolder(dir.resolve("data"));
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), "name: momentum\n");
        Path cfg = Files.writeString(dir.resolve("config.yaml"), """
                market:
                  store_dir: bars
                predict:
                  lstm_layers: 1
                  lstm_units: 4
                  sequence_length: 6
                  max_epochs: 2
                  max_samples: 600
                """);
        MainTest.Run imported = MainTest.run("data", "import", "--config", cfg.toString(), "--dir", dir.resolve("data").toString());
        assertEquals(0, imported.code(), imported.out() + imported.err());
        MainTest.Run r = MainTest.run("train", "predictors", "--config", cfg.toString(), "--source", "store", "--timeframes", "1d", "--symbols", "2",
                "--from", "2024-06-03", "--to", "2025-04-30");
        assertEquals(0, r.code(), r.out() + r.err());
        PredictorCard c = PredictorCard.read(dir.resolve("models/predictors/1d.json"));
        assertFalse(c.simulated());
        assertTrue(c.dataSource().startsWith("store " + dir.resolve("bars").toAbsolutePath().normalize()), c.dataSource());
        assertEquals(2, c.symbols().size());
        assertTrue(c.metrics().samples() > 0);

        MainTest.Run bad = MainTest.run("train", "predictors", "--config", cfg.toString(), "--source", "store", "--dir", dir.resolve("none").toString());
        assertEquals(2, bad.code(), bad.out() + bad.err());
        assertTrue(bad.err().contains("bar store " + dir.resolve("none").toAbsolutePath().normalize() + " does not exist"), bad.err());
    }
}
