package autotrader.app;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.SkillRecord;
import autotrader.ensemble.SkillMeasure;
import autotrader.testing.TinyEnsemble;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import java.util.List;
import java.util.Set;
import static org.junit.jupiter.api.Assertions.*;

/** train ensemble --skill-only on a tiny saved model over one sim day (the live cycle path builds the rows). */
class TrainEnsembleSkillTest {

    @TempDir
    Path dir;

    private Path setUp() throws Exception {
        Path cfg = TestConfigs.sim(dir, 30);
        EnsembleTrainer.Result tiny = TinyEnsemble.train();
        EnsembleStore.save(tiny.ensemble(), tiny.card().withSkill(null), dir.resolve("ensemble"));
        tiny.ensemble().close();
        Path predictors = Path.of("..", "models", "predictors").toAbsolutePath().normalize();
        Files.writeString(cfg, Files.readString(cfg) + "ensemble:\n  model_dir: ensemble\npredict:\n  models_dir: " + predictors + "\n");
        return cfg;
    }

    @Test
    void writesOnlyTheSkillRecordIntoTheCard() throws Exception {
        Path cfg = setUp();
        Path model = dir.resolve("ensemble");
        // a field this build does not read (a retrain's comparison) must survive the rewrite
        ObjectNode before = (ObjectNode) EnsembleStore.JSON.readTree(model.resolve("model_card.json").toFile());
        before.putObject("retrain").put("verdict", "kept");
        EnsembleStore.JSON.writeValue(model.resolve("model_card.json").toFile(), before);
        byte[] meta = Files.readAllBytes(model.resolve("meta_learner.ser"));

        MainTest.Run r = MainTest.run("train", "ensemble", "--config", cfg.toString(), "--skill-only", "--model", model.toString(),
                "--from", "2024-09-12", "--to", "2024-09-12", "--every", "120", "--threads", "1", "--rows-csv", dir.resolve("rows.csv").toString());
        assertEquals(0, r.code(), r.err());

        SkillRecord skill = EnsembleStore.readCard(model).skill();
        assertNotNull(skill);
        assertTrue(skill.rows() >= 3 * SkillMeasure.MIN_NAMES_PER_TIME, "candidates at 3 decision times: " + skill.rows());
        assertEquals(3, skill.decisionTimes(), "every decision time has its candidates ranked");
        assertNotNull(skill.ic());
        assertTrue(skill.from().isAfter(Instant.parse("2024-09-12T13:00:00Z")) && skill.to().isBefore(Instant.parse("2024-09-12T20:00:00Z")),
                skill.from() + ".." + skill.to());
        assertEquals(skill.buyTrades(), skill.buckets().stream().mapToInt(SkillRecord.Bucket::trades).sum());
        assertEquals(SkillMeasure.roundTripCost(LabelSettings.defaults()), skill.roundTripCost());
        assertTrue(skill.source().startsWith("held-out 2024-09-12..2024-09-12, " + skill.rows() + " rows on sim (SIMULATED"), skill.source());
        assertTrue(r.out().contains("rank IC"), r.out());
        List<String> rows = Files.readAllLines(dir.resolve("rows.csv"));
        assertEquals("time,symbol,p_sell,p_hold,p_buy,decision,confidence,realised_net,sigma,trade_label,momentum_score", rows.get(0));
        assertEquals(skill.rows() + 1, rows.size(), "one line per measured row");
        String[] first = rows.get(1).split(",");
        assertTrue(Double.parseDouble(first[8]) > 0, "the labeler's sigma: " + rows.get(1));
        assertTrue(Set.of("BUY", "SELL", "HOLD").contains(first[9]), rows.get(1));

        ObjectNode after = (ObjectNode) EnsembleStore.JSON.readTree(model.resolve("model_card.json").toFile());
        after.remove("skill");
        before.remove("skill");
        assertEquals(before, after, "nothing but the skill changed");
        assertArrayEquals(meta, Files.readAllBytes(model.resolve("meta_learner.ser")));
    }

    @Test
    void refusesRowsTheModelTrainedOnAndOptionsThatDoNotFit() throws Exception {
        Path cfg = setUp();
        Path model = dir.resolve("ensemble");
        ModelCard card = EnsembleStore.readCard(model);
        ObjectNode json = (ObjectNode) EnsembleStore.JSON.readTree(model.resolve("model_card.json").toFile());
        ((ObjectNode) json.get("train")).put("to", "2024-09-13T00:00:00Z"); // as if it had trained through the day measured
        EnsembleStore.JSON.writeValue(model.resolve("model_card.json").toFile(), json);

        MainTest.Run r = MainTest.run("train", "ensemble", "--config", cfg.toString(), "--skill-only", "--model", model.toString(),
                "--from", "2024-09-12", "--to", "2024-09-12", "--every", "180", "--threads", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("never trained on"), r.err());
        assertNull(EnsembleStore.readCard(model).skill(), "nothing written");
        assertNull(card.skill());

        r = MainTest.run("train", "ensemble", "--config", cfg.toString(), "--skill-only", "--model", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a saved ensemble"), r.err());
        r = MainTest.run("train", "ensemble", "--config", cfg.toString(), "--model", model.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--model is only for --skill-only"), r.err());
        r = MainTest.run("train", "ensemble", "--config", cfg.toString(), "--rows-csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--rows-csv is only for --skill-only"), r.err());
    }
}
