package autotrader.app;

import autotrader.testing.TestRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `status` says in one line whether the configured model's BUYs can trade under the rules on disk, and why not. */
class StatusTradingLineTest {

    @TempDir
    Path dir;

    @Test
    void statusSaysTradingIsOffForAModelWithoutSkillAndOnWithTheGateSwitchedOff() throws Exception {
        Path cfg = TradingDayConfig.withModels(dir);
        TestRules.copy(dir.resolve("rules"));        // the committed rules, skill gate on
        MainTest.Run text = MainTest.run("status", "--config", cfg.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().matches("(?s).*\\ntrading:     no — model \\S+/models/ensemble .*; signals are still scanned, decided and shown\\n.*"),
                text.out());

        TestRules.switchOffSkillGate(dir.resolve("rules"));
        MainTest.Run json = MainTest.run("status", "--config", cfg.toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode s = new ObjectMapper().readTree(json.out());
        String trading = s.get("system").get("trading").asText();
        assertTrue(trading.startsWith("yes — the rules ") && trading.contains("/models/ensemble"), trading);
    }

    @Test
    void withoutATrainedModelNothingIsDecided() throws Exception {
        Path cfg = TradingDayConfig.scanning(dir);
        MainTest.Run r = MainTest.run("status", "--config", cfg.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("no — no decision model runs (scanning only); signals are not decided",
                new ObjectMapper().readTree(r.out()).get("system").get("trading").asText());
    }
}
