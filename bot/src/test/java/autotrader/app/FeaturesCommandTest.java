package autotrader.app;

import autotrader.features.FeatureEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FeaturesCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesOneRowPerBarWithTheFeatureNamesAsHeader() throws Exception {
        Path cfg = TestConfigs.sim(dir, 30);
        Path out = dir.resolve("f.csv");
        MainTest.Run r = MainTest.run("features", "--config", cfg.toString(), "--symbol", "SIM0003", "--timeframe", "30m",
                "--as-of", "2024-06-12T15:00", "--bars", "40", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(41, lines.size());
        assertEquals("time," + String.join(",", FeatureEngine.featureNames()), lines.get(0));
        String last = lines.get(40);
        assertTrue(last.startsWith("2024-06-12T18:30:00Z") || last.startsWith("2024-06-12T19:00:00Z"), "last bar ends by 15:00 NY: " + last);
        assertTrue(r.out().contains("SIMULATED"));
    }

    @Test
    void unknownTimeframeOrSymbolIsExitCode2() throws Exception {
        Path cfg = TestConfigs.sim(dir, 30);
        assertEquals(2, MainTest.run("features", "--config", cfg.toString(), "--symbol", "SIM0003", "--timeframe", "2h",
                "--out", dir.resolve("x.csv").toString()).code());
        MainTest.Run r = MainTest.run("features", "--config", cfg.toString(), "--symbol", "ZZZZ", "--timeframe", "1h",
                "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("ZZZZ"));
    }
}
