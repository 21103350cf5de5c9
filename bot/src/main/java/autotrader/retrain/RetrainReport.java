package autotrader.retrain;

import autotrader.ensemble.ModelCard;

import java.util.List;
import java.util.Locale;

/** The retrain's table: one line per model, live vs candidate on the same held-out rows, and the decision. */
public final class RetrainReport {

    private RetrainReport() {
    }

    public static String table(List<RetrainRecord> records) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %9s %6s  %-9s %s%n", "model", "live LL", "cand LL", "live AUC", "cand AUC",
                "rows", "decision", "why"));
        for (RetrainRecord r : records) {
            sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %9s %6d  %-9s %s%n", r.model(), ll(r.incumbent()), ll(r.candidate()),
                    auc(r.incumbent()), auc(r.candidate()), r.heldOutRows(), r.replaced() ? "replaced" : "kept", r.reason()));
        }
        return sb.toString();
    }

    private static String ll(ModelCard.Metrics m) {
        return m == null || m.logLoss() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.logLoss());
    }

    private static String auc(ModelCard.Metrics m) {
        return m == null || m.aucMacro() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.aucMacro());
    }
}
