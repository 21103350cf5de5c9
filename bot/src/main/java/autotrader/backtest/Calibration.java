package autotrader.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * Confidence buckets of the ensemble's decisions with what happened afterwards: how many decisions
 * fell in each bucket and how often the realised trade label (the same labeller the ensemble was
 * trained on, applied after the run for evaluation only) agreed with the decision. A calibrated
 * model's hit rate sits near the bucket's confidence.
 */
public final class Calibration {

    public record Bucket(double from, double to, int decisions, int labelled, int hits, int trades, int winningTrades) {
        public double hitRate() {
            return labelled == 0 ? Double.NaN : (double) hits / labelled;
        }

        public double tradeWinRate() {
            return trades == 0 ? Double.NaN : (double) winningTrades / trades;
        }
    }

    /** One outcome: the decision's confidence and whether the realised label agreed (null when it could not be labelled). */
    public record Outcome(double confidence, Boolean hit) {
    }

    private Calibration() {
    }

    /** Ten buckets of width 0.1 over [0, 1]; trades are bucketed by the confidence of their entry decision. */
    public static List<Bucket> of(List<Outcome> outcomes, List<RoundTrip> trades) {
        int n = 10;
        int[] dec = new int[n], lab = new int[n], hit = new int[n], tr = new int[n], win = new int[n];
        for (Outcome o : outcomes) {
            if (!Double.isFinite(o.confidence())) continue;
            int b = bucket(o.confidence(), n);
            dec[b]++;
            if (o.hit() != null) {
                lab[b]++;
                if (o.hit()) hit[b]++;
            }
        }
        for (RoundTrip t : trades) {
            if (t.open() || !Double.isFinite(t.confidence())) continue;
            int b = bucket(t.confidence(), n);
            tr[b]++;
            if (t.pnl() > 0) win[b]++;
        }
        List<Bucket> out = new ArrayList<>();
        for (int b = 0; b < n; b++) out.add(new Bucket(b / (double) n, (b + 1) / (double) n, dec[b], lab[b], hit[b], tr[b], win[b]));
        return out;
    }

    private static int bucket(double c, int n) {
        return Math.max(0, Math.min(n - 1, (int) Math.floor(c * n)));
    }
}
