package autotrader.app;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.store.Store;
import autotrader.testing.SkillRecords;
import autotrader.testing.TestRules;
import autotrader.testing.TinyEnsemble;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class CycleCommandTest {

    @TempDir
    Path dir;

    @Test
    void cyclePrintsTheDecisionsAsAJsonListAndStoresThemWithModelVersions() throws Exception {
        Path cfg = TestConfigs.sim(dir, 80);
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        EnsembleStore.save(tiny.ensemble(), tiny.card(), dir.resolve("ensemble"));
        Path predictors = Path.of("..", "models", "predictors").toAbsolutePath().normalize();
        Files.writeString(cfg, Files.readString(cfg) + "ensemble:\n  model_dir: ensemble\npredict:\n  models_dir: " + predictors + "\n");

        MainTest.Run r = MainTest.run("cycle", "--config", cfg.toString(), "--as-of", "2024-09-12T11:00", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertTrue(list.isArray() && list.size() >= 40, "decisions for the candidates: " + list.size());
        JsonNode first = list.get(0);
        for (String f : new String[]{"symbol", "decision", "confidence", "expected_return", "risk_score", "time_horizon", "predictions",
                "risk_metrics", "models_agree"}) assertTrue(first.has(f), f);
        assertTrue(first.get("predictions").get("1d").has("price") && first.get("predictions").get("1d").has("return"));

        var store = Store.open(dir.resolve("state/test.db"), 1000);
        assertEquals(list.size(), store.decisions().count());
        String versions = store.jdbi().withHandle(h -> h.createQuery("SELECT model_versions FROM decisions LIMIT 1").mapTo(String.class).one());
        assertTrue(versions.matches("predictors 1m:[0-9a-f]{12} .*; ensemble:[0-9a-f]{12}"), versions);
    }

    @Test
    void theDecisionsComeWithWhetherTheRulesWouldLetTheirBuysTrade() throws Exception {
        Path cfg = TestConfigs.sim(dir, 40);
        TestRules.copy(dir.resolve("rules"));
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        // Whatever the trainer measured of the tiny model, a record far below the floor, so the answer is known here.
        EnsembleStore.save(tiny.ensemble(), tiny.card().withSkill(SkillRecords.record(0.004, 0.6)), dir.resolve("ensemble"));
        Path predictors = Path.of("..", "models", "predictors").toAbsolutePath().normalize();
        Files.writeString(cfg, Files.readString(cfg) + "ensemble:\n  model_dir: ensemble\npredict:\n  models_dir: " + predictors + "\n");

        MainTest.Run text = MainTest.run("cycle", "--config", cfg.toString(), "--as-of", "2024-09-12T11:00", "--no-store");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("\ntrading: no — model ensemble lacks out-of-sample skill: IC t 0.60 < 3.00 (IC 0.004, "), text.out());
        MainTest.Run json = MainTest.run("cycle", "--config", cfg.toString(), "--as-of", "2024-09-12T11:00", "--no-store", "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(new ObjectMapper().readTree(json.out()).isArray(), "stdout stays the decision list");
        assertTrue(json.err().contains("trading: no — model ensemble lacks out-of-sample skill: IC t 0.60 < 3.00"), json.err());
    }

    @Test
    void withoutATrainedEnsembleTheCycleSaysWhatToRun() throws Exception {
        Path cfg = TestConfigs.sim(dir, 30);
        Files.writeString(cfg, Files.readString(cfg) + "ensemble:\n  model_dir: nowhere\n");
        MainTest.Run r = MainTest.run("cycle", "--config", cfg.toString(), "--as-of", "2024-09-12T11:00");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("train ensemble"), r.err());
    }
}
