package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** market.source store and market.store_dir. */
class StoreConfigTest {

    @TempDir
    Path dir;

    @Test
    void theStoreSourceLoadsWithItsFolderResolvedAgainstTheConfig() throws Exception {
        LoadedConfig c = new ConfigLoader(Map.of()).load(ConfigFiles.write(dir, "market:\n  source: store\n  store_dir: bars\n"));
        assertEquals(AppConfig.Source.STORE, c.config().market.source);
        assertEquals(dir.resolve("bars").toAbsolutePath().normalize(), c.resolve(c.config().market.storeDir).toAbsolutePath().normalize());
        assertEquals("state/store", new AppConfig().market.storeDir, "the documented default");
    }

    @Test
    void aBlankStoreFolderIsRefusedByKey() throws Exception {
        Path f = ConfigFiles.write(dir, "market:\n  source: store\n  store_dir: \"\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f));
        assertTrue(e.getMessage().contains("market.store_dir"), e.getMessage());
    }

    @Test
    void anUnknownSourceIsStillRefused() throws Exception {
        Path f = ConfigFiles.write(dir, "market:\n  source: parquet\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(f));
        assertTrue(e.getMessage().contains("parquet") || e.getMessage().contains("source"), e.getMessage());
    }
}
