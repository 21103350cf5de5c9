package autotrader.telegram;

import autotrader.alerts.AlertKind;
import autotrader.config.AppConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TelegramSettingsTest {

    @Test
    void apiUrlBecomesSchemeHostAndPort() {
        assertEquals(new TelegramUrl("https", "api.telegram.org", 443, false), TelegramSettings.parseUrl("https://api.telegram.org"));
        assertEquals(new TelegramUrl("http", "127.0.0.1", 8081, false), TelegramSettings.parseUrl("http://127.0.0.1:8081/"));
        assertEquals(80, TelegramSettings.parseUrl("http://localhost").getPort());
    }

    @Test
    void alertSwitchesMapToKinds() {
        AppConfig.Alerts a = new AppConfig.Alerts();
        assertEquals(EnumSet.allOf(AlertKind.class), TelegramSettings.enabledAlerts(a));
        a.dailySummary = false;
        a.stopLoss = false;
        assertEquals(EnumSet.complementOf(EnumSet.of(AlertKind.DAILY_SUMMARY, AlertKind.STOP_LOSS)), TelegramSettings.enabledAlerts(a));
    }

    @Test
    void theTokenIsNeverPrinted() {
        TelegramSettings s = TelegramSettings.of("123:SECRET", TelegramSettings.parseUrl("https://api.telegram.org"), List.of(1L), 0.01,
                EnumSet.of(AlertKind.FILL));
        assertFalse(s.toString().contains("SECRET"), s.toString());
        assertThrows(IllegalArgumentException.class, () -> TelegramSettings.of("", s.url(), List.of(1L), 0.01, EnumSet.noneOf(AlertKind.class)));
    }

    @Test
    void callbackDataFitsTelegramsLimit() {
        assertTrue(("a:" + Long.MAX_VALUE).getBytes(StandardCharsets.UTF_8).length <= 64);
        assertEquals(12L, UpdateHandler.parseId("12"));
        assertNull(UpdateHandler.parseId("12x"));
        assertNull(UpdateHandler.parseId("0"));
        assertNull(UpdateHandler.parseId("-3"));
        assertNull(UpdateHandler.parseId("99999999999999999999"));
    }
}
