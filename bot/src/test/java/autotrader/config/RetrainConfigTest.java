package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RetrainConfigTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedConfigHasTheDocumentedDefaults() {
        AppConfig.Retrain r = new ConfigLoader(Map.of()).load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml"))
                .config().retrain;
        AppConfig.Retrain d = new AppConfig.Retrain();
        assertEquals(d.enabled, r.enabled);
        assertEquals(d.cron, r.cron);
        assertEquals(d.lookbackDays, r.lookbackDays);
        assertEquals(d.holdoutDays, r.holdoutDays);
        assertEquals(d.everyMinutes, r.everyMinutes);
        assertEquals(d.tolerance, r.tolerance);
        assertEquals("0 0 6 ? * SAT", r.cron);
        assertEquals(d.predictors, r.predictors);
        assertTrue(r.predictors, "the weekly job retrains the predictors too, by default");
        assertEquals(List.of("1m", "5m", "30m", "1h"), r.predictorTimeframes);
        assertEquals(d.predictorTimeframes, r.predictorTimeframes);
        assertEquals(d.predictorLookbackDays, r.predictorLookbackDays);
        assertEquals(d.predictorHoldoutFraction, r.predictorHoldoutFraction);
        assertEquals(d.predictorMaxEpochs, r.predictorMaxEpochs);
        assertEquals(d.predictorMaxSamples, r.predictorMaxSamples);
        assertEquals(d.predictorTolerance, r.predictorTolerance);
    }

    @Test
    void badPredictorValuesNameTheKey() throws Exception {
        Path f = ConfigFiles.write(dir, """
                retrain:
                  predictors: true
                  predictor_timeframes: [1m, 2m, 1m]
                  predictor_lookback_days: 1
                  predictor_holdout_fraction: 0
                  predictor_max_epochs: -1
                  predictor_max_samples: 5
                  predictor_tolerance: -1
                """);
        String m = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f)).getMessage();
        assertTrue(m.contains("key 'retrain.predictor_timeframes': unknown timeframe '2m'"), m);
        assertTrue(m.contains("key 'retrain.predictor_timeframes': '1m' is empty or listed twice"), m);
        assertTrue(m.contains("key 'retrain.predictor_lookback_days': 1 must be between 2"), m);
        assertTrue(m.contains("key 'retrain.predictor_holdout_fraction'"), m);
        assertTrue(m.contains("key 'retrain.predictor_max_epochs'"), m);
        assertTrue(m.contains("key 'retrain.predictor_max_samples'"), m);
        assertTrue(m.contains("key 'retrain.predictor_tolerance'"), m);
        String empty = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "retrain:\n  predictor_timeframes: []\n"))).getMessage();
        assertTrue(empty.contains("key 'retrain.predictor_timeframes': must list at least one timeframe"), empty);
        AppConfig ok = new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "retrain:\n  predictors: true\n  predictor_timeframes: [1d]\n")).config();
        assertEquals(List.of("1d"), ok.retrain.predictorTimeframes);
    }

    @Test
    void badValuesNameTheKeyAndLine() throws Exception {
        Path f = ConfigFiles.write(dir, """
                retrain:
                  cron: "every saturday"
                  lookback_days: 1
                  holdout_days: 0
                  every_minutes: 0
                  tolerance: -0.1
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f));
        String m = e.getMessage();
        assertTrue(m.contains("line 2: key 'retrain.cron': 'every saturday' is not a valid Quartz cron"), m);
        assertTrue(m.contains("key 'retrain.lookback_days': 1 must be between 2"), m);
        assertTrue(m.contains("key 'retrain.holdout_days'"), m);
        assertTrue(m.contains("key 'retrain.every_minutes'"), m);
        assertTrue(m.contains("key 'retrain.tolerance'"), m);
        assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "retrain:\n  lookback: 5\n")),
                "unknown keys are refused");
    }
}
