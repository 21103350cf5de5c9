package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** schwab.streaming.*: on by default in live mode on the Schwab source only, and every bad value named with its key. */
class StreamingConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsStreamOnlyInLiveModeOnTheSchwabSource() throws IOException {
        AppConfig.Streaming s = new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "mode: paper\n")).config().schwab.streaming;
        assertNull(s.enabled);
        assertEquals(30, s.heartbeatTimeoutSeconds);
        assertEquals(1.0, s.backoffInitialSeconds);
        assertEquals(120.0, s.backoffMaxSeconds);
        assertEquals(3, s.maxLoginDenials);
        assertTrue(s.on(Mode.LIVE, AppConfig.Source.SCHWAB));
        assertFalse(s.on(Mode.PAPER, AppConfig.Source.SCHWAB), "paper on Schwab data polls unless switched on");
        assertFalse(s.on(Mode.LIVE, AppConfig.Source.SIM));
        s.enabled = false;
        assertFalse(s.on(Mode.LIVE, AppConfig.Source.SCHWAB));
        s.enabled = true;
        assertTrue(s.on(Mode.PAPER, AppConfig.Source.SCHWAB));
    }

    @Test
    void theValuesAreRead() throws IOException {
        AppConfig.Streaming s = new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, """
                schwab:
                  streaming:
                    enabled: false
                    heartbeat_timeout_seconds: 45
                    backoff_initial_seconds: 0.5
                    backoff_max_seconds: 300
                    max_login_denials: 5
                """)).config().schwab.streaming;
        assertEquals(Boolean.FALSE, s.enabled);
        assertEquals(45, s.heartbeatTimeoutSeconds);
        assertEquals(0.5, s.backoffInitialSeconds);
        assertEquals(300.0, s.backoffMaxSeconds);
        assertEquals(5, s.maxLoginDenials);
    }

    @Test
    void badValuesAreNamedWithTheirKey() throws IOException {
        Path f = ConfigFiles.write(dir, """
                schwab:
                  streaming:
                    enabled: true
                    heartbeat_timeout_seconds: 2
                    backoff_initial_seconds: 10
                    backoff_max_seconds: 5
                    max_login_denials: 0
                """);
        String m = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f)).getMessage();
        assertTrue(m.contains("key 'schwab.streaming.enabled'") && m.contains("market.source is auto"), m);   // the default source
        assertTrue(m.contains("key 'schwab.streaming.heartbeat_timeout_seconds': 2 must be between 5 and 300"), m);
        assertTrue(m.contains("key 'schwab.streaming.backoff_max_seconds': 5.0 must be between backoff_initial_seconds (10.0)"), m);
        assertTrue(m.contains("key 'schwab.streaming.max_login_denials': 0"), m);
        assertFalse(m.contains("backoff_initial_seconds': "), "10 s is a valid first delay: " + m);
    }

    @Test
    void theCommittedConfigDocumentsTheKeysWithTheirDefaults() {
        AppConfig.Streaming s = new ConfigLoader(Map.of()).load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml"))
                .config().schwab.streaming;
        assertNull(s.enabled, "unset: on in live mode on the Schwab source");
        assertEquals(30, s.heartbeatTimeoutSeconds);
        assertEquals(120.0, s.backoffMaxSeconds);
    }
}
