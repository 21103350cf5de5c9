package autotrader.retrain;

import autotrader.ensemble.ModelCard;

import java.util.Locale;

/**
 * When a candidate may replace the live model, both scored on the same held-out rows: its log-loss is
 * not higher and its macro AUC not lower than the live model's, each give or take {@code tolerance}.
 * Log-loss leads because the rules size trades by the model's confidence: a model whose probabilities
 * are worse calibrated is worse for trading even when it ranks as well. AUC is skipped only when it is
 * undefined for either model (a single class in the held-out rows).
 */
public final class NotWorseRule {

    public record Verdict(boolean replace, String reason) {}

    private final double tolerance;

    public NotWorseRule(double tolerance) {
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, not " + tolerance);
        this.tolerance = tolerance;
    }

    /**
     * @param incumbent the live model's held-out metrics, or null when there is no usable live model
     * @param whyNoIncumbent why incumbent is null (no model, it failed to load, other columns)
     */
    public Verdict judge(ModelCard.Metrics incumbent, String whyNoIncumbent, ModelCard.Metrics candidate) {
        if (candidate.logLoss() == null) {
            return incumbent == null
                    ? new Verdict(true, "no usable live model (" + whyNoIncumbent + "); the candidate could not be scored (no held-out rows)")
                    : new Verdict(false, "the candidate could not be scored (no held-out rows): the live model stays");
        }
        if (incumbent == null) return new Verdict(true, "no usable live model: " + whyNoIncumbent);
        if (incumbent.logLoss() == null) return new Verdict(true, "the live model could not be scored on the held-out rows");
        if (candidate.logLoss() > incumbent.logLoss() + tolerance) {
            return new Verdict(false, String.format(Locale.ROOT, "worse log-loss: %.4f > %.4f%s", candidate.logLoss(), incumbent.logLoss(), tol()));
        }
        boolean aucComparable = candidate.aucMacro() != null && incumbent.aucMacro() != null;
        if (aucComparable && candidate.aucMacro() < incumbent.aucMacro() - tolerance) {
            return new Verdict(false, String.format(Locale.ROOT, "worse AUC: %.4f < %.4f%s", candidate.aucMacro(), incumbent.aucMacro(), tol()));
        }
        return new Verdict(true, String.format(Locale.ROOT, "not worse: log-loss %.4f vs %.4f, AUC %s%s", candidate.logLoss(), incumbent.logLoss(),
                aucComparable ? String.format(Locale.ROOT, "%.4f vs %.4f", candidate.aucMacro(), incumbent.aucMacro()) : "undefined (not compared)",
                tol()));
    }

    private String tol() {
        return tolerance > 0 ? String.format(Locale.ROOT, " (tolerance %.4f)", tolerance) : "";
    }
}
