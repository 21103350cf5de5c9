package autotrader.retrain;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.StackedEnsemble;
import autotrader.testing.TinyEnsemble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A crash at any point of a swap leaves a loadable set: the old one or the new one, never a mix. */
class ModelFolderSwapTest {

    static EnsembleTrainer.Result tiny;

    @TempDir
    Path dir;
    Path live;
    Path newSet;

    @BeforeAll
    static void train() {
        tiny = TinyEnsemble.train();
    }

    /** An "old" live set and a "new" complete one, told apart by their cards' trained_at. */
    private void twoSets() throws IOException {
        live = dir.resolve("ensemble");
        EnsembleStore.save(tiny.ensemble(), tiny.card(), live);
        newSet = dir.resolve("new");
        EnsembleStore.save(tiny.ensemble(), cardAt(Instant.parse("2030-01-01T00:00:00Z")), newSet);
    }

    private static ModelCard cardAt(Instant t) {
        var c = tiny.card();
        return new ModelCard(c.model(), t, c.columns(), c.train(), c.holdout(), c.rowsDroppedAtHoldoutBoundary(),
                c.trainClassBalance(), c.holdoutClassBalance(), c.folds(), c.holdoutMetrics(), c.cvMetrics(), c.alwaysHold(),
                c.scannerRank(), c.reliability(), c.trainingSeconds(), c.settings(), c.notes(), c.skill());
    }

    private Instant liveTrainedAt() throws IOException {
        try (StackedEnsemble e = EnsembleStore.load(live)) {
            assertEquals(5, e.baseModels().size());
        }
        return EnsembleStore.readCard(live).trainedAt();
    }

    @Test
    void aCompleteSwapKeepsTheOldSetAsPrevious() throws IOException {
        twoSets();
        Files.move(newSet, ModelFolderSwap.staging(live));
        ModelFolderSwap.install(ModelFolderSwap.staging(live), live);
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), liveTrainedAt());
        assertEquals(tiny.card().trainedAt(), EnsembleStore.readCard(ModelFolderSwap.previous(live)).trainedAt());
        assertNull(ModelFolderSwap.recover(live), "nothing to repair");
    }

    @Test
    void aCrashBetweenTheTwoRenamesIsFinishedWithTheNewSet() throws IOException {
        twoSets();
        Files.move(newSet, ModelFolderSwap.staging(live));
        Files.move(live, ModelFolderSwap.previous(live)); // first rename done, then the process died
        assertFalse(Files.exists(live));
        assertTrue(ModelFolderSwap.recover(live).startsWith("finished"));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), liveTrainedAt());
        assertTrue(Files.exists(ModelFolderSwap.previous(live)));
    }

    @Test
    void aHalfWrittenStagingFolderIsRemovedAndTheLiveSetIsUntouched() throws IOException {
        twoSets();
        Map<String, byte[]> before = RetrainFixtures.files(live);
        // Training died while writing: EnsembleStore's temporary folder and a staging folder without its manifest.
        Path staging = ModelFolderSwap.staging(live);
        Files.createDirectories(staging);
        Files.copy(newSet.resolve("xgboost.ubj"), staging.resolve("xgboost.ubj"));
        Path tmp = staging.resolveSibling(staging.getFileName() + ".tmp");
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("columns.json"), "[");
        assertThrows(IOException.class, () -> ModelFolderSwap.install(staging, live), "an incomplete set is never installed");

        assertTrue(ModelFolderSwap.recover(live).startsWith("removed"));
        assertFalse(Files.exists(staging));
        assertFalse(Files.exists(tmp));
        Map<String, byte[]> after = RetrainFixtures.files(live);
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
        assertEquals(tiny.card().trainedAt(), liveTrainedAt());
    }

    @Test
    void withNoLiveFolderAndAnIncompleteStagingOneThePreviousSetComesBack() throws IOException {
        twoSets();
        Files.move(live, ModelFolderSwap.previous(live));
        Path staging = ModelFolderSwap.staging(live);
        Files.createDirectories(staging);
        Files.copy(newSet.resolve("svm.ser"), staging.resolve("svm.ser"));
        assertTrue(ModelFolderSwap.recover(live).startsWith("undid"));
        assertEquals(tiny.card().trainedAt(), liveTrainedAt());
        assertFalse(Files.exists(staging));
    }
}
