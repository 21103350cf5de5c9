package autotrader.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The rules state as `run` wires it: while the daemon plays a simulated day, a broken edit of a rule
 * file is picked up by the watcher and shows as REFUSED with file:line both on the desk and in
 * `status` (another command, reading SQLite), and a good edit clears both.
 */
@Timeout(300)
class DaemonRulesStateTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JsonNode awaitHealth(URI health, Thread daemon, Predicate<JsonNode> until) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 300 && daemon.isAlive(); i++) {
            try {
                last = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body());
                if (until.test(last)) return last;
            } catch (IOException notYet) {
                // the desk is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the desk never showed the expected rules state; last: " + last);
    }

    @Test
    void aRefusedEditShowsOnTheDeskAndInStatusUntilAGoodEdit() throws Exception {
        Path cfg = TradingDayConfig.scanning(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(cfg, Files.readString(cfg).replace("  port: 0", "  port: " + port));
        AtomicReference<MainTest.Run> result = new AtomicReference<>();
        Thread daemon = new Thread(() -> result.set(MainTest.run("run", "--config", cfg.toString(), "--start", "2024-06-12", "--days", "1",
                "--speed", "600")));
        daemon.start();
        URI health = URI.create("http://127.0.0.1:" + port + "/api/health");
        JsonNode ok = awaitHealth(health, daemon, h -> h.path("rules").path("state").asText().equals("ok"));
        String good = ok.get("rules").get("version").asText();

        Path filter = dir.resolve("rules/filter.drl");
        String original = Files.readString(filter);
        Files.writeString(filter, original.replace("then", "thenn"));
        JsonNode refused = awaitHealth(health, daemon, h -> h.path("rules").path("state").asText().equals("REFUSED"));
        assertEquals(good, refused.get("rules").get("version").asText(), "the old rules keep running");
        assertTrue(refused.get("rules").get("refused").asText().contains("filter.drl:"), refused.toString());
        MainTest.Run status = MainTest.run("status", "--config", cfg.toString());
        assertTrue(status.out().matches("(?s).*rules: +REFUSED: .*filter\\.drl:\\d+: .*still running " + good + "\\).*"), status.out());

        Files.writeString(filter, original + "\n// a good edit\n");
        JsonNode fixed = awaitHealth(health, daemon, h -> h.path("rules").path("state").asText().equals("ok")
                && !h.path("rules").path("version").asText().equals(good));
        String now = fixed.get("rules").get("version").asText();
        status = MainTest.run("status", "--config", cfg.toString());
        assertTrue(status.out().contains("rules:       " + now + " in force"), status.out());
        assertFalse(status.out().contains("REFUSED"), status.out());
        daemon.join();
        assertEquals(0, result.get().code(), result.get().err());
    }
}
