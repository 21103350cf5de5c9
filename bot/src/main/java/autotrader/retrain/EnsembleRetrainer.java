package autotrader.retrain;

import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.StackedEnsemble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One retrain of the stacked ensemble: train a candidate on the training rows, score the candidate
 * and the live model on the same held-out rows, and install the candidate only when the
 * {@link NotWorseRule} says it is not worse ({@link ModelFolderSwap}). Either way the comparison is
 * recorded ({@link RetrainFiles}). The live folder is only ever replaced as a whole, so a process that
 * loads it (the daemon's next cycle) sees the old set or the new one.
 */
public final class EnsembleRetrainer {

    private static final Logger log = LoggerFactory.getLogger(EnsembleRetrainer.class);
    public static final String MODEL = "ensemble";

    /** Trains a candidate; the daemon uses {@link EnsembleTrainer#train} with the configured settings. */
    public interface CandidateTrainer {
        EnsembleTrainer.Result train(EnsembleDataset rows);
    }

    private final Path liveDir;
    private final CandidateTrainer trainer;
    private final NotWorseRule rule;
    private final double tolerance;
    private final Consumer<String> progress;

    public EnsembleRetrainer(Path liveDir, CandidateTrainer trainer, double tolerance, Consumer<String> progress) {
        this.liveDir = liveDir.toAbsolutePath().normalize();
        this.trainer = trainer;
        this.rule = new NotWorseRule(tolerance);
        this.tolerance = tolerance;
        this.progress = progress == null ? s -> { } : progress;
    }

    public Path liveDir() {
        return liveDir;
    }

    public RetrainRecord retrain(RetrainData data, String dataNote) throws IOException {
        ModelFolderSwap.recover(liveDir);
        progress.accept("retrain: training the candidate on " + data.train().rows() + " rows (" + data.window().describe() + ")");
        EnsembleTrainer.Result candidate = trainer.train(data.train());
        try {
            ModelCard.Metrics candidateMetrics = HeldOutScore.of(candidate.ensemble(), data.heldOut());
            ModelCard.Metrics incumbentMetrics = null;
            Instant incumbentTrainedAt = null;
            String whyNoIncumbent = null;
            if (!ModelFolderSwap.complete(liveDir)) {
                whyNoIncumbent = "no model in " + liveDir;
            } else {
                try (StackedEnsemble incumbent = EnsembleStore.load(liveDir)) {
                    incumbentMetrics = HeldOutScore.of(incumbent, data.heldOut());
                    incumbentTrainedAt = readTrainedAt(liveDir);
                } catch (IOException | RuntimeException e) {
                    // A live set that cannot be loaded or takes other columns cannot trade either: the candidate may replace it.
                    whyNoIncumbent = "the live model in " + liveDir + " cannot be scored: " + e.getMessage();
                    log.warn("retrain: {}", whyNoIncumbent);
                }
            }
            NotWorseRule.Verdict verdict = rule.judge(incumbentMetrics, whyNoIncumbent, candidateMetrics);
            RetrainWindow w = data.window();
            RetrainRecord record = new RetrainRecord(MODEL, w.asOf(), Instant.now(), w.trainFrom(), w.trainTo(), w.holdoutFrom(), w.holdoutTo(),
                    data.train().rows(), data.heldOut().rows(), data.purged(), data.unknown(), tolerance, incumbentMetrics, incumbentTrainedAt,
                    candidateMetrics, candidate.card().trainedAt(), verdict.replace(), verdict.reason(), null);
            ModelCard card = withNote(candidate.card(), dataNote);
            if (verdict.replace()) {
                Path staging = ModelFolderSwap.staging(liveDir);
                EnsembleStore.save(candidate.ensemble(), card, staging);
                RetrainFiles.addToCard(staging, record);
                ModelFolderSwap.install(staging, liveDir);
                RetrainFiles.appendHistory(liveDir, record);
            } else {
                RetrainFiles.appendHistory(liveDir, record.withRejectedCandidate(card));
            }
            progress.accept("retrain: " + (verdict.replace() ? "REPLACED" : "KEPT the live model") + ": " + verdict.reason());
            return record;
        } finally {
            candidate.ensemble().close();
        }
    }

    private static Instant readTrainedAt(Path dir) {
        try {
            return EnsembleStore.readCard(dir).trainedAt();
        } catch (IOException e) {
            return null; // a model without a readable card can still be compared; the record just lacks its date
        }
    }

    private static ModelCard withNote(ModelCard c, String note) {
        if (note == null) return c;
        List<String> notes = new ArrayList<>(c.notes() == null ? List.of() : c.notes());
        notes.add(0, note);
        return c.withNotes(notes);
    }
}
