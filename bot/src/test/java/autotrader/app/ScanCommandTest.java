package autotrader.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** `scan` and `status` end to end on a small simulated universe and a real SQLite file. */
class ScanCommandTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return TestConfigs.sim(dir, 120);
    }

    @Test
    void scanPrintsJsonStoresItAndStatusReadsItBack() throws Exception {
        Path cfg = config();
        MainTest.Run r = MainTest.run("scan", "--config", cfg.toString(), "--as-of", "2024-06-12T11:00", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertTrue(json.get("simulated").asBoolean());
        assertTrue(json.get("source").asText().contains("SIMULATED"));
        assertEquals(120, json.get("universe_size").asInt());
        JsonNode candidates = json.get("candidates");
        assertTrue(candidates.size() > 0 && candidates.size() <= 50);
        JsonNode first = candidates.get(0);
        for (String field : new String[]{"symbol", "momentum_score", "rsi", "rvol", "percent_change", "trend"}) {
            assertTrue(first.has(field), "field " + field + " in " + first);
        }
        assertTrue(Files.exists(dir.resolve("state/test.db")));

        MainTest.Run status = MainTest.run("status", "--config", cfg.toString(), "--json");
        assertEquals(0, status.code(), status.err());
        JsonNode s = new ObjectMapper().readTree(status.out());
        assertEquals(1, s.get("scan_runs").asInt());
        assertTrue(s.get("system").get("ensemble").asText().startsWith("not trained"), s.get("system").toString());
        assertTrue(s.get("system").get("approvals").asText().startsWith("0 pending"), s.get("system").toString());
        assertEquals(first.get("symbol").asText(), s.get("last_scan").get("candidates").get(0).get("symbol").asText());

        MainTest.Run table = MainTest.run("scan", "--config", cfg.toString(), "--as-of", "2024-06-12T11:00");
        assertEquals(0, table.code());
        assertTrue(table.out().contains("SIMULATED MARKET DATA"), table.out());
        assertTrue(table.out().contains(first.get("symbol").asText()));
    }

    @Test
    void aBadAsOfIsExitCode2() throws Exception {
        MainTest.Run r = MainTest.run("scan", "--config", config().toString(), "--as-of", "yesterday-ish");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--as-of"), r.err());
    }

    @Test
    void aCsvFolderWhoseFilesAllLackCloseIsExitCode2NamingTheFolderAndTheFileNeverA1969Scan() throws Exception {
        Path cfg = config();
        Path bars = dir.resolve("bars");
        Files.createDirectories(bars.resolve("daily"));
        Path file = Files.writeString(bars.resolve("daily/all.csv"), "date,open,high,low,volume,Name\n2024-03-07,10,11,9,1000,AAA\n");
        Files.writeString(cfg, Files.readString(cfg).replace("  source: sim", "  source: csv\n  csv_dir: bars"));
        MainTest.Run r = MainTest.run("scan", "--config", cfg.toString(), "--no-store");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("market data folder " + bars.toAbsolutePath().normalize() + " has no usable bars"), r.err());
        assertTrue(r.err().contains(file + ": no 'close' column (header: date,open,high,low,volume,Name)"), r.err());
        assertFalse(r.out().contains("1969"), r.out());
    }

    @Test
    void aCsvGzThatIsNotGzipIsNamedWithTheReason() throws Exception {
        Path cfg = config();
        Path bars = dir.resolve("bars");
        Files.createDirectories(bars.resolve("intraday"));
        Path file = Files.writeString(bars.resolve("intraday/AAA_5min.csv.gz"), "datetime,open,high,low,close,volume\n");
        Files.writeString(cfg, Files.readString(cfg).replace("  source: sim", "  source: csv\n  csv_dir: bars"));
        MainTest.Run r = MainTest.run("scan", "--config", cfg.toString(), "--no-store");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(file + ": cannot read: not a gzip file, though named .gz (Not in GZIP format)"), r.err());
    }
}
