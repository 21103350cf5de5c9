package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The telegram: section's keys, defaults and validation. */
class TelegramConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }

    private String refused(String yaml) throws IOException {
        Path f = write(yaml);
        return assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of("TELEGRAM_BOT_TOKEN", "1:abc")).load(f)).getMessage();
    }

    @Test
    void defaults() throws IOException {
        AppConfig.Telegram t = new ConfigLoader(Map.of()).load(write("mode: paper\n")).config().telegram;
        AppConfig.Approvals a = new ConfigLoader(Map.of()).load(write("mode: paper\n")).config().approvals;
        assertEquals(300, a.timeoutSeconds);
        assertEquals(0.01, a.maxPriceDriftPct);
        assertFalse(a.paperAutoApprove);
        assertTrue(t.alerts.fills && t.alerts.stopLoss && t.alerts.takeProfit && t.alerts.orderRejected
                && t.alerts.rulesRefused && t.alerts.tokenExpiry && t.alerts.jobError && t.alerts.dailySummary);
    }

    @Test
    void theCommittedConfigHasTheTelegramDefaults() {
        AppConfig.Telegram t = new ConfigLoader(Map.of()).load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml")).config().telegram;
        assertTrue(t.alerts.dailySummary);
    }

    @Test
    void keysAreReadAndAnAlertCanBeSwitchedOff() throws IOException {
        LoadedConfig c = new ConfigLoader(Map.of("TELEGRAM_BOT_TOKEN", "1:abc")).load(write("""
                telegram:
                  enabled: true
                  api_url: http://127.0.0.1:8081
                  allowed_chat_ids: [111222333, -100123]
                  alerts:
                    daily_summary: false
                    fills: false
                approvals:
                  timeout_seconds: 120
                  max_price_drift_pct: 0.005
                """));
        AppConfig.Telegram t = c.config().telegram;
        assertEquals(List.of(111222333L, -100123L), t.allowedChatIds);
        assertEquals(120, c.config().approvals.timeoutSeconds);
        assertEquals(0.005, c.config().approvals.maxPriceDriftPct);
        assertFalse(t.alerts.dailySummary);
        assertFalse(t.alerts.fills);
        assertTrue(t.alerts.stopLoss);
        assertEquals("1:abc", t.botToken.value());
    }

    @Test
    void badValuesAreNamedWithTheirKey() throws IOException {
        String m = refused("""
                approvals:
                  timeout_seconds: 5
                  max_price_drift_pct: 1.5
                """);
        assertTrue(m.contains("line 2: key 'approvals.timeout_seconds'"), m);
        assertTrue(m.contains("line 3: key 'approvals.max_price_drift_pct'"), m);
    }

    @Test
    void anUnknownAlertIsRefused() throws IOException {
        String m = refused("telegram:\n  alerts:\n    fils: true\n");
        assertTrue(m.contains("unknown key 'telegram.alerts.fils'"), m);
    }

    @Test
    void anApiUrlWithAPathIsRefused() throws IOException {
        String m = refused("telegram:\n  api_url: https://example.org/telegram\n");
        assertTrue(m.contains("key 'telegram.api_url'") && m.contains("no path"), m);
    }

    @Test
    void enabledNeedsATokenAndAChat() throws IOException {
        Path f = write("telegram:\n  enabled: true\n");
        String m = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f)).getMessage();
        assertTrue(m.contains("telegram.bot_token") && m.contains("TELEGRAM_BOT_TOKEN is not set"), m);
        assertTrue(m.contains("telegram.allowed_chat_ids"), m);
    }
}
