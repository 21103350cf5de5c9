package autotrader.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return ConfigFiles.write(dir, yaml);
    }

    private ConfigException refused(String yaml, Map<String, String> env) throws IOException {
        Path f = write(yaml);
        return assertThrows(ConfigException.class, () -> new ConfigLoader(env).load(f));
    }

    @Test
    void theCommittedConfigLoadsAsPaperOnAutoSource() {
        LoadedConfig c = new ConfigLoader(Map.of()).load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml"));
        assertEquals(Mode.PAPER, c.config().mode);
        assertEquals(AppConfig.Source.AUTO, c.config().market.source, "the bar store when it holds bars, else the simulator");
        assertEquals(1453, c.config().market.sim.symbols);
        assertFalse(c.config().telegram.enabled);
    }

    @Test
    void emptySectionsFallBackToDefaults() throws IOException {
        LoadedConfig c = new ConfigLoader(Map.of()).load(write("mode: paper\n"));
        assertEquals("state/autotrader.db", c.config().state.db);
        assertEquals(0.01, c.config().risk.riskPerTradePct);
    }

    @Test
    void unknownKeyIsNamedWithItsLine() throws IOException {
        ConfigException e = refused("mode: paper\nmarket:\n  sorce: sim\n", Map.of());
        assertTrue(e.getMessage().contains("unknown key 'market.sorce'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("source"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        ConfigException e = refused("risk:\n  max_open_positions: lots\n", Map.of());
        assertTrue(e.getMessage().contains("risk.max_open_positions"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void wrongEnumValueIsNamed() throws IOException {
        ConfigException e = refused("mode: yolo\n", Map.of());
        assertTrue(e.getMessage().contains("'mode'") && e.getMessage().contains("paper, live"), e.getMessage());
    }

    @Test
    void badValuesAreNamedWithLines() throws IOException {
        ConfigException e = refused("risk:\n  risk_per_trade_pct: 5\nschedule:\n  scan_cron: every five minutes\n", Map.of());
        assertTrue(e.getMessage().contains("line 2: key 'risk.risk_per_trade_pct'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 4: key 'schedule.scan_cron'"), e.getMessage());
    }

    @Test
    void liveModeWithoutCredentialsIsRefusedWithoutPrintingSecrets() throws IOException {
        ConfigException e = refused("mode: live\n", Map.of("SCHWAB_APP_KEY", "key-abc-123"));
        assertTrue(e.getMessage().contains("schwab.app_secret"), e.getMessage());
        assertTrue(e.getMessage().contains("SCHWAB_APP_SECRET is not set"), e.getMessage());
        assertFalse(e.getMessage().contains("key-abc-123"), "never prints a secret");
    }

    @Test
    void liveModeWithCredentialsFromTheEnvironmentLoads() throws IOException {
        LoadedConfig c = new ConfigLoader(Map.of("SCHWAB_APP_KEY", "k1", "SCHWAB_APP_SECRET", "s1")).load(write("mode: live\n"));
        assertEquals("k1", c.config().schwab.appKey.value());
        assertEquals("****", c.config().schwab.appKey.toString());
    }

    @Test
    void schwabMarketDataNeedsAUniverseFile() throws IOException {
        Map<String, String> env = Map.of("SCHWAB_APP_KEY", "k1", "SCHWAB_APP_SECRET", "s1");
        ConfigException e = refused("market:\n  source: schwab\n", env);
        assertTrue(e.getMessage().contains("key 'market.schwab.universe_file'") && e.getMessage().contains("market.source is schwab"), e.getMessage());
        e = refused("market:\n  source: schwab\n  schwab:\n    universe_file: nowhere.csv\n", env);
        assertTrue(e.getMessage().contains("line 4: key 'market.schwab.universe_file'") && e.getMessage().contains("nowhere.csv"), e.getMessage());
        e = refused("market:\n  schwab:\n    quote_batch_size: 0\n", Map.of());
        assertTrue(e.getMessage().contains("market.schwab.quote_batch_size"), e.getMessage());
        Files.writeString(dir.resolve("symbols.txt"), "AAPL\nMSFT\n");
        LoadedConfig c = new ConfigLoader(env).load(write("market:\n  source: schwab\n  schwab:\n    universe_file: symbols.txt\n"));
        assertEquals(200, c.config().market.schwab.quoteBatchSize);
        assertEquals("state/bars", c.config().market.schwab.cacheDir);
    }

    @Test
    void literalSecretsInTheFileAreRefused() throws IOException {
        ConfigException e = refused("schwab:\n  app_key: hunter2\n", Map.of());
        assertTrue(e.getMessage().contains("schwab.app_key") && e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void secretFilesMustBeOwnerOnly() throws IOException {
        Path secret = dir.resolve("token.txt");
        Files.writeString(secret, "123:ABC\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        String yaml = "telegram:\n  enabled: true\n  bot_token: ${file:" + secret + "}\n  allowed_chat_ids: [42]\n";
        ConfigException e = refused(yaml, Map.of());
        assertTrue(e.getMessage().contains("readable by its owner only"), e.getMessage());
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        LoadedConfig c = new ConfigLoader(Map.of()).load(dir.resolve("config.yaml"));
        assertEquals("123:ABC", c.config().telegram.botToken.value());
    }

    @Test
    void telegramNeedsAllowedChats() throws IOException {
        ConfigException e = refused("telegram:\n  enabled: true\n", Map.of("TELEGRAM_BOT_TOKEN", "1:x"));
        assertTrue(e.getMessage().contains("telegram.allowed_chat_ids"), e.getMessage());
    }

    @Test
    void missingCsvFolderAndStrategyAreNamed() throws IOException {
        ConfigException e = refused("market:\n  source: csv\n  csv_dir: nowhere\nstrategy: strategies/none.yaml\n", Map.of());
        assertTrue(e.getMessage().contains("market.csv_dir") && e.getMessage().contains("nowhere"), e.getMessage());
        assertTrue(e.getMessage().contains("key 'strategy'"), e.getMessage());
    }

    @Test
    void malformedYamlIsNamed() throws IOException {
        ConfigException e = refused("mode: paper\nmarket: [unclosed\n", Map.of());
        assertTrue(e.getMessage().contains("config.yaml"), e.getMessage());
    }

    @Test
    void ensembleDefaultsComeFromTheCommittedConfig() {
        LoadedConfig c = new ConfigLoader(Map.of()).load(Path.of(System.getProperty("user.dir")).getParent().resolve("config.yaml"));
        AppConfig.Ensemble e = c.config().ensemble;
        assertEquals(5, e.cvFolds);
        assertEquals(10, e.labels.horizonBars);
        assertEquals(2.0, e.labels.kTarget);
        assertEquals(100, e.randomForest.trees);
        assertEquals("models/ensemble", e.modelDir);
    }

    @Test
    void badEnsembleValuesAreNamedWithTheirKeyAndLine() throws IOException {
        ConfigException e = refused("ensemble:\n  labels:\n    horizon_bars: 0\n    k_stop: -1\n  cv_folds: 1\n  svm: {c: 0}\n", Map.of());
        assertTrue(e.getMessage().contains("key 'ensemble.labels.horizon_bars': must be at least 1"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("key 'ensemble.labels.k_stop'"), e.getMessage());
        assertTrue(e.getMessage().contains("key 'ensemble.cv_folds': must be between 2 and 20"), e.getMessage());
        assertTrue(e.getMessage().contains("key 'ensemble.svm.c'"), e.getMessage());
    }
}
