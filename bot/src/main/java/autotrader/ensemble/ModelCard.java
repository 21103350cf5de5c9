package autotrader.ensemble;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What was trained on what, and how well it did on a held-out period that starts after every training
 * row's label has ended. Written as model_card.json beside the model. Metrics that cannot be computed
 * (a class absent from the held-out rows, no momentum_score column) are null.
 *
 * @param holdoutMetrics    per base model, "stacked", and the "class_prior" baseline (training class frequencies as probabilities)
 * @param cvMetrics         per base model, on the out-of-fold probabilities the meta-learner was trained on
 * @param alwaysHold        the trivial "always HOLD" baseline on the held-out rows (AUC and log-loss undefined)
 * @param scannerRank       "BUY for the top third by momentum_score, HOLD otherwise" on the held-out rows; null without that column
 * @param reliability       the stacked model's reliability table on the held-out rows (10 bins of confidence)
 * @param skill             the out-of-sample record the rules gate on ({@link SkillRecord}); null on cards written before it existed
 */
// "retrain": the comparison a retrain adds to the card it installs (the retrain package's RetrainRecord), read separately.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"retrain"})
public record ModelCard(
        String model,
        Instant trainedAt,
        int columns,
        Range train,
        Range holdout,
        int rowsDroppedAtHoldoutBoundary,
        Map<String, Integer> trainClassBalance,
        Map<String, Integer> holdoutClassBalance,
        List<FoldSummary> folds,
        Map<String, Metrics> holdoutMetrics,
        Map<String, Metrics> cvMetrics,
        Metrics alwaysHold,
        Metrics scannerRank,
        ReliabilityTable reliability,
        double trainingSeconds,
        EnsembleSettings settings,
        List<String> notes,
        SkillRecord skill) {

    /** The same card with other notes. */
    public ModelCard withNotes(List<String> newNotes) {
        return new ModelCard(model, trainedAt, columns, train, holdout, rowsDroppedAtHoldoutBoundary, trainClassBalance,
                holdoutClassBalance, folds, holdoutMetrics, cvMetrics, alwaysHold, scannerRank, reliability, trainingSeconds, settings,
                newNotes, skill);
    }

    /** The same card with another out-of-sample record. */
    public ModelCard withSkill(SkillRecord newSkill) {
        return new ModelCard(model, trainedAt, columns, train, holdout, rowsDroppedAtHoldoutBoundary, trainClassBalance,
                holdoutClassBalance, folds, holdoutMetrics, cvMetrics, alwaysHold, scannerRank, reliability, trainingSeconds, settings,
                notes, newSkill);
    }

    public record Range(Instant from, Instant to, int rows) {}

    public record FoldSummary(int fold, int trainRows, int testRows, int purgedRows) {}

    /** One-vs-rest macro AUC, log-loss, multiclass Brier score and accuracy. */
    public record Metrics(Double aucMacro, Double logLoss, Double brier, Double accuracy) {

        static Metrics of(double[][] p, int[] y) {
            return new Metrics(finite(Scores.aucMacro(p, y)), finite(Scores.logLoss(p, y)), finite(Scores.brier(p, y)),
                    finite(Scores.accuracy(p, y)));
        }

        static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }
}
