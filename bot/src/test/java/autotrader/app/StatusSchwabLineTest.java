package autotrader.app;

import autotrader.store.SchwabStatusRepository;
import autotrader.store.SchwabStatusRepository.SchwabStatus;
import autotrader.store.Store;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** `status` (another process than the daemon: SQLite only) shows the Schwab stream and REST lines the daemon last wrote. */
class StatusSchwabLineTest {

    @TempDir
    Path dir;

    @Test
    void statusShowsTheStreamAndTheRestCountsWithTheirAge() throws Exception {
        Path cfg = TradingDayConfig.scanning(dir);
        MainTest.Run before = MainTest.run("status", "--config", cfg.toString());
        assertEquals(0, before.code(), before.err());
        assertFalse(before.out().contains("schwab stream:"), "nothing written yet: no line");

        Files.createDirectories(dir.resolve("state"));
        {
            Store store = Store.open(dir.resolve("state/test.db"), 5000);
            new SchwabStatusRepository(store.jdbi()).save(new SchwabStatus(Instant.parse("2026-12-02T15:00:00Z"), "STREAMING",
                    "STREAMING since 2026-12-02T14:31:00Z, 52 chart keys + account activity, last frame 2026-12-02T14:59:58Z, 1 reconnect today",
                    Instant.parse("2026-12-02T14:31:00Z"), 52, true, Instant.parse("2026-12-02T14:59:58Z"), 1, null,
                    "16 calls last minute (quotes 15, accounts 1); 10.3/min over the last hour, peak 110/min; 0 answered 429", 16, 10.3, 0));
        }
        MainTest.Run text = MainTest.run("status", "--config", cfg.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("schwab stream: STREAMING since 2026-12-02T14:31:00Z, 52 chart keys + account activity"), text.out());
        assertTrue(text.out().contains("no daemon updating it since"), "written long ago: " + text.out());
        assertTrue(text.out().contains("schwab REST: 16 calls last minute (quotes 15, accounts 1)"), text.out());
        JsonNode json = new ObjectMapper().readTree(MainTest.run("status", "--config", cfg.toString(), "--json").out());
        assertTrue(json.get("system").get("schwab REST").asText().contains("10.3/min over the last hour"), json.toString());
    }
}
