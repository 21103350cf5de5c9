package autotrader.retrain;

import autotrader.ensemble.ModelCard;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One retrain's comparison, as written into the new model card's {@code retrain} section (replaced)
 * and appended to the retrain history beside the model folder (always; with the rejected candidate's
 * whole card when the live model was kept).
 *
 * @param incumbent        the live model's metrics on the held-out rows; null when there was no usable live model
 * @param incumbentTrainedAt when the live model was trained (its card), null without one
 * @param candidate        the candidate's metrics on the same rows
 * @param replaced         whether the candidate became the live model
 * @param reason           why (the not-worse rule's words)
 * @param rejectedCandidate the candidate's own model card, kept in the history when it was rejected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrainRecord(
        String model,
        Instant asOf,
        Instant decidedAt,
        LocalDate trainFrom,
        LocalDate trainTo,
        LocalDate holdoutFrom,
        LocalDate holdoutTo,
        int trainRows,
        int heldOutRows,
        int purgedRows,
        int rowsWithUnknownOutcome,
        double tolerance,
        ModelCard.Metrics incumbent,
        Instant incumbentTrainedAt,
        ModelCard.Metrics candidate,
        Instant candidateTrainedAt,
        boolean replaced,
        String reason,
        ModelCard rejectedCandidate) {

    public RetrainRecord withRejectedCandidate(ModelCard card) {
        return new RetrainRecord(model, asOf, decidedAt, trainFrom, trainTo, holdoutFrom, holdoutTo, trainRows, heldOutRows, purgedRows,
                rowsWithUnknownOutcome, tolerance, incumbent, incumbentTrainedAt, candidate, candidateTrainedAt, replaced, reason, card);
    }
}
