package autotrader.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed rules as they are, on the daemon's wiring: the committed SIMULATED model has no
 * out-of-sample skill, so a cycle makes no intent, every BUY on the desk carries the gate's reason,
 * and the health read-out says trading is off and why.
 */
@Timeout(180)
class DeskSkillGateTest {

    @TempDir
    Path dir;

    @Test
    void aModelWithoutSkillIsDecidedAndShownButNothingTrades() throws Exception {
        try (DeskFixture f = DeskFixture.start(dir, "gate-token", true)) {
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(120)).build();   // a cycle takes seconds
            // "Run cycle now": no intent, and the answer says why.
            JsonNode cycle;
            try (Response r = http.newCall(new Request.Builder().url(f.url("/api/cycle")).header("Authorization", "Bearer gate-token")
                    .post(okhttp3.RequestBody.create(new byte[0])).build()).execute()) {
                assertEquals(200, r.code());
                cycle = new ObjectMapper().readTree(r.body().string());
            }
            assertEquals(0, cycle.get("intents").size(), cycle.toString());
            assertTrue(cycle.get("buys").asInt() > 0, cycle.toString());
            String reason = cycle.get("entry_blocks").get(0).asText();
            assertTrue(reason.startsWith("model models/ensemble "), reason);
            assertEquals(List.of(reason), f.cycles.latest().evaluation().entryBlocks());

            JsonNode signals = get(http, f.url("/api/signals?decision=BUY"));
            assertTrue(signals.get("signals").size() > 0, "the model still decides BUYs: " + signals);
            for (JsonNode s : signals.get("signals")) {
                assertTrue(s.get("intent").isNull(), s.toString());
                assertEquals("model lacks out-of-sample skill", s.get("rejection").get("rule").asText(), s.toString());
                assertEquals(reason, s.get("rejection").get("reason").asText());
            }
            assertFalse(signals.get("trading").get("allowed").asBoolean());

            JsonNode health = get(http, f.url("/api/health"));
            assertFalse(health.get("trading").get("allowed").asBoolean(), health.toString());
            assertEquals("trading: no — " + reason + "; signals are still scanned, decided and shown", health.get("trading").get("line").asText());
            assertEquals("ok", health.get("status").asText(), "a refusing gate is the trader's state, not a fault of the desk: " + health);
        }
    }

    private static JsonNode get(OkHttpClient http, String url) throws Exception {
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, r.code(), url);
            return new ObjectMapper().readTree(r.body().string());
        }
    }
}
