package autotrader.retrain;

import autotrader.ensemble.EnsembleDataset;
import autotrader.pipeline.TrainingSetBuilder;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The rows of one retrain, made by the live cycle path ({@link TrainingSetBuilder}): the candidate's
 * training rows and the held-out rows both models are scored on.
 *
 * @param purged   training rows dropped because their label ends in the held-out sessions
 * @param unknown  rows dropped because their label ends after asOf (the outcome was not known at asOf)
 */
public record RetrainData(RetrainWindow window, EnsembleDataset train, EnsembleDataset heldOut, int purged, int unknown) {

    public static RetrainData build(RetrainWindow w, TrainingSetBuilder builder, Consumer<String> progress) {
        if (w.trainTimes().isEmpty()) throw new IllegalStateException("no training decision times: " + w.describe());
        if (w.holdoutTimes().isEmpty()) throw new IllegalStateException("no held-out decision times: " + w.describe());
        EnsembleDataset rawTrain = builder.build(w.trainTimes(), progress);
        EnsembleDataset rawHeld = builder.build(w.holdoutTimes(), progress);
        int[] train = rows(rawTrain, i -> rawTrain.labelEnd(i).isBefore(w.holdoutStart()));
        int[] held = rows(rawHeld, i -> !rawHeld.labelEnd(i).isAfter(w.asOf()));
        int unknownTrain = rows(rawTrain, i -> rawTrain.labelEnd(i).isAfter(w.asOf())).length;
        int purged = rawTrain.rows() - train.length - unknownTrain;
        return new RetrainData(w, rawTrain.subset(train), rawHeld.subset(held), purged, unknownTrain + rawHeld.rows() - held.length);
    }

    private static int[] rows(EnsembleDataset d, IntPredicate keep) {
        return IntStream.range(0, d.rows()).filter(keep).toArray();
    }

    /** For callers that already hold the datasets (tests, other trainers); they must respect the same cut-offs. */
    public static RetrainData of(RetrainWindow w, EnsembleDataset train, EnsembleDataset heldOut) {
        for (int i = 0; i < train.rows(); i++) {
            if (!train.labelEnd(i).isBefore(w.holdoutStart())) {
                throw new IllegalArgumentException("training row " + i + " has a label ending at " + train.labelEnd(i)
                        + ", inside the held-out sessions from " + w.holdoutStart());
            }
        }
        for (int i = 0; i < heldOut.rows(); i++) {
            Instant end = heldOut.labelEnd(i);
            if (end.isAfter(w.asOf())) throw new IllegalArgumentException("held-out row " + i + " ends at " + end + ", after asOf " + w.asOf());
        }
        return new RetrainData(w, train, heldOut, 0, 0);
    }
}
