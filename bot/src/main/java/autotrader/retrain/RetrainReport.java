package autotrader.retrain;

import autotrader.ensemble.ModelCard;

import autotrader.predict.PredictorCard;
import java.util.List;
import java.util.Locale;

/**
 * The retrain's table: one line per model (each retrained predictor, then the ensemble), live vs
 * candidate on the same held-out samples/rows, and the decision. Predictors are compared by the RMSE
 * of the next-bar log return (the naive zero forecast's RMSE is in the reason), the ensemble by
 * log-loss and macro AUC.
 */
public final class RetrainReport {

    /** One model's line; null numbers print as "-". */
    public record Line(String model, String metric, Double live, Double candidate, Double liveAuc, Double candidateAuc, int rows,
                       String decision, String why) {

        public static Line of(RetrainRecord r) {
            ModelCard.Metrics l = r.incumbent(), c = r.candidate();
            return new Line(r.model(), "log-loss", l == null ? null : l.logLoss(), c == null ? null : c.logLoss(),
                    l == null ? null : l.aucMacro(), c == null ? null : c.aucMacro(), r.heldOutRows(), r.replaced() ? "replaced" : "kept",
                    r.reason());
        }

        public static Line of(PredictorCard.Retrain r) {
            return new Line(predictorName(r.timeframe()), "rmse", r.incumbentRmse(), r.candidateRmse(), null, null, r.heldOut().samples(),
                    r.replaced() ? "replaced" : "kept", r.reason() + String.format(Locale.ROOT, "; naive RMSE %.6g", r.naiveRmse()));
        }

        /** A model whose retrain failed (the live one is untouched). */
        public static Line failed(String model, String metric, String message) {
            return new Line(model, metric, null, null, null, null, 0, "failed", message);
        }
    }

    private RetrainReport() {
    }

    /** The name of a predictor's line: {@code lstm <tf>}. */
    public static String predictorName(String timeframe) {
        return "lstm " + timeframe;
    }

    /** The table of ensemble retrains only. */
    public static String table(List<RetrainRecord> records) {
        return lines(records.stream().map(Line::of).toList());
    }

    public static String lines(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %-8s %10s %10s %9s %9s %6s  %-9s %s%n", "model", "metric", "live", "cand", "live AUC",
                "cand AUC", "rows", "decision", "why"));
        for (Line l : lines) {
            sb.append(String.format(Locale.ROOT, "%-10s %-8s %10s %10s %9s %9s %6d  %-9s %s%n", l.model(), l.metric(), num(l.live()),
                    num(l.candidate()), auc(l.liveAuc()), auc(l.candidateAuc()), l.rows(), l.decision(), l.why()));
        }
        return sb.toString();
    }

    /** Log-losses (~1) with 4 decimals; RMSEs of log returns (~0.001) with 4 significant digits. */
    private static String num(Double v) {
        if (v == null || v.isNaN()) return "-";
        return Math.abs(v) >= 0.1 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String auc(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
