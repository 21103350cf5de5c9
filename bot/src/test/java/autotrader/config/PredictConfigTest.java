package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PredictConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }

    @Test
    void defaultsAreTheDesignsAndTheCommittedConfigSaysTheSame() throws IOException {
        AppConfig.Predict p = new ConfigLoader(Map.of()).load(write("mode: paper\n")).config().predict;
        assertEquals(2, p.lstmLayers);
        assertEquals(128, p.lstmUnits);
        assertEquals(60, p.sequenceLength);
        assertEquals("models/predictors", p.modelsDir);
        assertEquals(LocalDate.of(2016, 1, 31), p.dailyTrainEnd);
        AppConfig.Predict committed = new ConfigLoader(Map.of())
                .load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml")).config().predict;
        assertEquals(p.lstmLayers, committed.lstmLayers);
        assertEquals(p.lstmUnits, committed.lstmUnits);
        assertEquals(p.sequenceLength, committed.sequenceLength);
        assertEquals(p.maxEpochs, committed.maxEpochs);
        assertEquals(p.patience, committed.patience);
        assertEquals(p.learningRate, committed.learningRate);
        assertEquals(p.batchSize, committed.batchSize);
        assertEquals(p.seed, committed.seed);
        assertEquals(p.maxSamples, committed.maxSamples);
        assertEquals(p.dailyTrainEnd, committed.dailyTrainEnd);
        assertEquals(p.dailyTrainStart, committed.dailyTrainStart);
    }

    @Test
    void badValuesAreNamedWithKeyAndLine() throws IOException {
        Path f = write("predict:\n  lstm_units: 0\n  learning_rate: 2\n  sequence_length: -1\n  patience: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f));
        String m = e.getMessage();
        assertTrue(m.contains("line 2: key 'predict.lstm_units'"), m);
        assertTrue(m.contains("line 3: key 'predict.learning_rate'"), m);
        assertTrue(m.contains("line 4: key 'predict.sequence_length'"), m);
        assertTrue(m.contains("line 5: key 'predict.patience'"), m);
    }

    @Test
    void unknownPredictKeyIsRefused() throws IOException {
        Path f = write("predict:\n  lstm_unit: 64\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f));
        assertTrue(e.getMessage().contains("predict.lstm_unit"), e.getMessage());
    }
}
