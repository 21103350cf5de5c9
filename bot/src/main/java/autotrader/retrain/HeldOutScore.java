package autotrader.retrain;

import autotrader.ensemble.ColumnMismatchException;
import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.Scores;
import autotrader.ensemble.StackedEnsemble;

/** The stacked model's metrics on a set of rows: the same numbers the model card reports (AUC, log-loss, Brier, accuracy). */
public final class HeldOutScore {

    private HeldOutScore() {
    }

    /** Throws {@link ColumnMismatchException} when the model was trained on other columns. */
    public static ModelCard.Metrics of(StackedEnsemble model, EnsembleDataset rows) {
        rows.requireColumns(model.columns());
        if (rows.rows() == 0) return new ModelCard.Metrics(null, null, null, null);
        double[][] p = model.probabilities(rows.inputMatrix());
        int[] y = rows.labelIndices();
        return new ModelCard.Metrics(finite(Scores.aucMacro(p, y)), finite(Scores.logLoss(p, y)), finite(Scores.brier(p, y)),
                finite(Scores.accuracy(p, y)));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
