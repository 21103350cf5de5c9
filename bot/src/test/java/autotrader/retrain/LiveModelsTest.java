package autotrader.retrain;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.StackedEnsemble;
import autotrader.pipeline.CycleRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static autotrader.retrain.RetrainFixtures.DATA;
import static org.junit.jupiter.api.Assertions.*;

/** The daemon's holder: the next cycle gets the new models after a swap, the loaded ones while a swap is half done. */
class LiveModelsTest {

    @TempDir
    Path dir;

    @Test
    void afterARetrainSwapTheNextCycleGetsTheNewModels() throws IOException {
        Path live = dir.resolve("ensemble");
        RetrainFixtures.install(RetrainFixtures.crippled(DATA.train()), live);
        List<StackedEnsemble> given = new ArrayList<>();
        // The runner is what the trading loop runs a cycle on; here it only records which ensemble it was built around.
        try (LiveModels holder = new LiveModels(live, e -> {
            given.add(e);
            return new CycleRunner(null, null, null, e, 60, null);
        }, () -> "set " + given.size())) {
            LiveModels.Models first = holder.current();
            assertSame(first, holder.current(), "nothing changed on disk: the same runner");
            assertEquals("set 1", first.versions());
            double[][] before = given.get(0).probabilities(DATA.heldOut().inputMatrix());

            // A half-done swap: the live folder is briefly missing. The loaded set stays in use.
            Files.move(live, ModelFolderSwap.previous(live));
            assertSame(first, holder.current());
            Files.move(ModelFolderSwap.previous(live), live);
            assertSame(first, holder.current());

            RetrainRecord r = new EnsembleRetrainer(live, RetrainFixtures::good, 0.0, null).retrain(DATA, null);
            assertTrue(r.replaced(), r.reason());

            LiveModels.Models second = holder.current();
            assertNotSame(first.runner(), second.runner());
            assertEquals("set 2", second.versions());
            assertEquals(2, given.size());
            double[][] after = given.get(1).probabilities(DATA.heldOut().inputMatrix());
            try (StackedEnsemble installed = EnsembleStore.load(live)) {
                assertArrayEquals(installed.probabilities(DATA.heldOut().inputMatrix())[0], after[0], 1e-12, "the new set is the installed one");
            }
            assertFalse(Arrays.equals(before[0], after[0]), "and it decides differently from the old one");
            assertSame(second, holder.current());
        }
    }

    @Test
    void aNewSetThatDoesNotLoadLeavesTheLoadedOneInUse() throws IOException {
        Path live = dir.resolve("ensemble");
        RetrainFixtures.install(RetrainFixtures.crippled(DATA.train()), live);
        try (LiveModels holder = new LiveModels(live, e -> new CycleRunner(null, null, null, e, 60, null), () -> "v")) {
            LiveModels.Models first = holder.current();
            Files.writeString(live.resolve("model_card.json"), Files.readString(live.resolve("model_card.json")) + " ");
            Files.writeString(live.resolve("lightgbm.txt"), "not a model");
            assertSame(first, holder.current());
            assertSame(first, holder.current(), "tried once per change, not every cycle");
        }
    }

    @Test
    void withoutAModelSetTheHolderRefusesToStart() {
        IOException e = assertThrows(IOException.class, () -> new LiveModels(dir.resolve("none"), x -> null, () -> ""));
        assertTrue(e.getMessage().contains("no complete model set"), e.getMessage());
    }
}
