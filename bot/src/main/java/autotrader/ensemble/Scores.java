package autotrader.ensemble;

import java.util.Arrays;

/**
 * Scores of class probabilities (rows x 3, {@link Decision} order) against true class indices.
 * Multiclass Brier score = mean over rows of sum over classes (p_k - 1[y = k])^2 (0 best, 2 worst).
 */
public final class Scores {

    /** Probabilities are clipped here so one confident mistake gives a large, not an infinite, log-loss. */
    static final double EPS = 1e-15;

    private Scores() {
    }

    public static double accuracy(double[][] p, int[] y) {
        int hit = 0;
        for (int i = 0; i < y.length; i++) if (Decision.argmax(p[i]).index() == y[i]) hit++;
        return y.length == 0 ? Double.NaN : (double) hit / y.length;
    }

    public static double accuracy(Decision[] predicted, int[] y) {
        int hit = 0;
        for (int i = 0; i < y.length; i++) if (predicted[i].index() == y[i]) hit++;
        return y.length == 0 ? Double.NaN : (double) hit / y.length;
    }

    public static double logLoss(double[][] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) sum -= Math.log(Math.min(1 - EPS, Math.max(EPS, p[i][y[i]])));
        return y.length == 0 ? Double.NaN : sum / y.length;
    }

    public static double brier(double[][] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < p[i].length; k++) {
                double d = p[i][k] - (y[i] == k ? 1 : 0);
                sum += d * d;
            }
        }
        return y.length == 0 ? Double.NaN : sum / y.length;
    }

    /** One-vs-rest AUC averaged over the classes that occur and do not cover every row; NaN when none does. */
    public static double aucMacro(double[][] p, int[] y) {
        double sum = 0;
        int classes = 0;
        for (int k = 0; k < Decision.COUNT; k++) {
            double auc = auc(p, y, k);
            if (!Double.isNaN(auc)) {
                sum += auc;
                classes++;
            }
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }

    /** AUC of class k against the rest by the Mann-Whitney rank sum, ties sharing their average rank. */
    public static double auc(double[][] p, int[] y, int k) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p[a][k], p[b][k]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[order[j + 1]][k] == p[order[i]][k]) j++;
            double averageRank = (i + j) / 2.0 + 1;
            for (int r = i; r <= j; r++) {
                if (y[order[r]] == k) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
