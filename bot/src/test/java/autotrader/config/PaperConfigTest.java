package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PaperConfigTest {

    @TempDir
    Path dir;

    @Test
    void paperKeysHaveDefaultsAndBadValuesAreNamedWithTheirLine() throws Exception {
        Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(dir.resolve("strategies/momentum.yaml"), "name: momentum\n");
        Path ok = dir.resolve("ok.yaml");
        Files.writeString(ok, "mode: paper\n");
        AppConfig c = new ConfigLoader(Map.of()).load(ok).config();
        assertEquals(5, c.paper.slippageBps);
        assertEquals(0.0, c.paper.commissionMin);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "paper:\n  slippage_bps: -3\n  commission_per_share: 0.005\n  commission_min: 500\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(bad));
        assertTrue(e.getMessage().contains("line 2: key 'paper.slippage_bps'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4: key 'paper.commission_min'"), e.getMessage());
        assertFalse(e.getMessage().contains("commission_per_share"), e.getMessage());
    }
}
