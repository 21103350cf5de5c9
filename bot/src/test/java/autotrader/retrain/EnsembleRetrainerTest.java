package autotrader.retrain;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.StackedEnsemble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static autotrader.retrain.RetrainFixtures.DATA;
import static org.junit.jupiter.api.Assertions.*;

/** Replace or keep, on the synthetic problem: both models scored on the same held-out rows, the files swapped whole or not at all. */
class EnsembleRetrainerTest {

    @TempDir
    Path dir;

    @Test
    void aBetterCandidateReplacesTheLiveModelAndTheNewCardHoldsBothScores() throws IOException {
        Path live = dir.resolve("models/ensemble");
        RetrainFixtures.install(RetrainFixtures.crippled(DATA.train()), live);
        ModelCard oldCard = EnsembleStore.readCard(live);
        Map<String, byte[]> before = RetrainFixtures.files(live);

        RetrainRecord r = new EnsembleRetrainer(live, RetrainFixtures::good, 0.0, null).retrain(DATA, "test note");

        assertTrue(r.replaced(), r.reason());
        assertTrue(r.reason().startsWith("not worse"), r.reason());
        assertTrue(r.candidate().logLoss() < r.incumbent().logLoss() && r.candidate().aucMacro() > r.incumbent().aucMacro(),
                r.candidate() + " vs " + r.incumbent());
        // The comparison scored exactly these two models on exactly the held-out rows.
        try (StackedEnsemble old = EnsembleStore.load(ModelFolderSwap.previous(live)); StackedEnsemble now = EnsembleStore.load(live)) {
            assertEquals(r.incumbent(), HeldOutScore.of(old, DATA.heldOut()));
            assertEquals(r.candidate(), HeldOutScore.of(now, DATA.heldOut()));
        }
        // The old set is kept whole as <dir>.previous for a rollback.
        Map<String, byte[]> previous = RetrainFixtures.files(ModelFolderSwap.previous(live));
        assertEquals(before.keySet(), previous.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, previous.get(name), name));
        // The live card: its own metrics as ever, plus the retrain section with both scores and the decision.
        RetrainRecord inCard = RetrainFiles.fromCard(live);
        assertEquals(r.incumbent(), inCard.incumbent());
        assertEquals(r.candidate(), inCard.candidate());
        assertEquals(oldCard.trainedAt(), inCard.incumbentTrainedAt());
        assertEquals(DATA.heldOut().rows(), inCard.heldOutRows());
        assertTrue(inCard.replaced());
        assertNull(inCard.rejectedCandidate());
        ModelCard card = EnsembleStore.readCard(live);
        assertEquals("test note", card.notes().get(0));
        assertEquals(inCard.candidateTrainedAt(), card.trainedAt());
        List<RetrainRecord> history = RetrainFiles.readHistory(live);
        assertEquals(1, history.size());
        assertTrue(history.get(0).replaced());
        assertFalse(Files.exists(ModelFolderSwap.staging(live)));
        assertTrue(RetrainReport.table(history).contains("replaced"), RetrainReport.table(history));
    }

    @Test
    void aWorseCandidateIsRejectedTheLiveFilesStayByteForByteAndItsCardGoesToTheHistory() throws IOException {
        Path live = dir.resolve("models/ensemble");
        RetrainFixtures.install(RetrainFixtures.good(DATA.train()), live);
        Map<String, byte[]> before = RetrainFixtures.files(live);

        RetrainRecord r = new EnsembleRetrainer(live, RetrainFixtures::crippled, 0.0, null).retrain(DATA, "crippled candidate");

        assertFalse(r.replaced(), r.reason());
        assertTrue(r.reason().startsWith("worse log-loss"), r.reason());
        Map<String, byte[]> after = RetrainFixtures.files(live);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
        assertFalse(Files.exists(ModelFolderSwap.previous(live)), "nothing was swapped");
        assertFalse(Files.exists(ModelFolderSwap.staging(live)));
        assertNull(RetrainFiles.fromCard(live), "the live card is untouched");
        List<RetrainRecord> history = RetrainFiles.readHistory(live);
        assertEquals(1, history.size());
        RetrainRecord kept = history.get(0);
        assertFalse(kept.replaced());
        assertEquals(r.incumbent(), kept.incumbent());
        assertEquals(r.candidate(), kept.candidate());
        assertNotNull(kept.rejectedCandidate());
        assertEquals("crippled candidate", kept.rejectedCandidate().notes().get(0));
        assertTrue(RetrainReport.table(history).contains("kept"));
    }

    @Test
    void withNoLiveModelTheCandidateIsInstalled() throws IOException {
        Path live = dir.resolve("models/ensemble");
        RetrainRecord r = new EnsembleRetrainer(live, RetrainFixtures::good, 0.0, null).retrain(DATA, null);
        assertTrue(r.replaced());
        assertNull(r.incumbent());
        assertTrue(r.reason().contains("no model in"), r.reason());
        try (StackedEnsemble e = EnsembleStore.load(live)) {
            assertEquals(r.candidate(), HeldOutScore.of(e, DATA.heldOut()));
        }
    }
}
