package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The web: section: defaults, the token as a secret, and the token required once the desk is reachable from outside. */
class WebConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsListenOnLoopbackAndTheTokenIsOptionalThere() throws IOException {
        AppConfig.Web w = new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "mode: paper\n")).config().web;
        assertTrue(w.enabled);
        assertEquals("127.0.0.1", w.host);
        assertEquals(8321, w.port);
        assertFalse(w.token.isResolved(), "no AUTOTRADER_WEB_TOKEN: changes from the web answer 401");
        AppConfig.Web set = new ConfigLoader(Map.of("AUTOTRADER_WEB_TOKEN", " s3cret ")).load(ConfigFiles.write(dir, "mode: paper\n")).config().web;
        assertEquals("s3cret", set.token.value());
        assertEquals("****", set.token.toString());
    }

    @Test
    void theCommittedConfigHasTheWebDefaults() {
        AppConfig.Web w = new ConfigLoader(Map.of()).load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml")).config().web;
        assertEquals(8321, w.port);
        assertEquals("${AUTOTRADER_WEB_TOKEN}", w.token.reference());
    }

    @Test
    void aHostBeyondLoopbackNeedsTheToken() throws IOException {
        Path f = ConfigFiles.write(dir, "web:\n  host: 0.0.0.0\n");
        String m = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f)).getMessage();
        assertTrue(m.contains("key 'web.token'") && m.contains("AUTOTRADER_WEB_TOKEN is not set") && m.contains("not a loopback"), m);
        assertEquals("0.0.0.0", new ConfigLoader(Map.of("AUTOTRADER_WEB_TOKEN", "t")).load(f).config().web.host);
        // Off: nothing listens, so nothing is required.
        new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "web:\n  enabled: false\n  host: 0.0.0.0\n"));
    }

    @Test
    void badValuesAreNamedWithTheirKey() throws IOException {
        Path f = ConfigFiles.write(dir, "web:\n  port: 70000\n  host: \"\"\n  token: plain-text-token\n");
        String m = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f)).getMessage();
        assertTrue(m.contains("key 'web.port'") && m.contains("70000"), m);
        assertTrue(m.contains("key 'web.host'"), m);
        assertTrue(m.contains("key 'web.token'") && m.contains("written into the config file is refused"), m);
        assertFalse(m.contains("plain-text-token"), "a secret never appears in a message: " + m);
    }

    @Test
    void loopbackIsDecidedOnTheAddressText() {
        for (String h : new String[]{"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"}) assertTrue(AppConfig.Web.loopback(h), h);
        for (String h : new String[]{"0.0.0.0", "192.168.1.5", "::", "example.com", "127.0.0.1.example.com", ""}) assertFalse(AppConfig.Web.loopback(h), h);
    }
}
