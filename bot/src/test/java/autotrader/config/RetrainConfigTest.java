package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
