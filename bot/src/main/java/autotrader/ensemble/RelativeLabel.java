package autotrader.ensemble;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross-sectional label ({@code label: relative}): at each decision time, each candidate's long trade
 * net return after costs divided by its own sigma (the labeler's per-bar volatility, so the return is in
 * units of the stop distance, the unit trades are sized in), in excess of the median candidate of that
 * decision time. BUY when the excess is above {@code +margin}, SELL when below {@code -margin}, HOLD
 * otherwise. A volatile name no longer clears a fixed edge more easily: what is left is direction.
 *
 * <p>No look-ahead beyond the trade label's own: the outcome of a row decided at t is its trade over bars
 * t+1..t+H, and the median is over the candidates decided at the same t (whose trades span the same bars).
 * Purging uses the same label end. The margin, when not given, is chosen on the training rows only.
 */
public final class RelativeLabel {

    /** Share of the training rows that the chosen margin makes HOLD (at least; ties at the median can make more). */
    public static final double HOLD_SHARE = 1.0 / 3.0;
    /**
     * Excesses within this many sigmas of the margin count as at the margin (HOLD). A trade filled at its stop
     * returns -k_stop sigma before costs up to rounding (1e-16), so on the gross label every stopped trade ties
     * with a stopped median; without the tolerance rounding noise would split them into BUY and SELL.
     */
    public static final double TIE = 1e-9;

    private RelativeLabel() {
    }

    /**
     * Per row: realised long net return / sigma, minus the median of that ratio over the rows of the same
     * decision time. Throws when a row has no finite return or no positive sigma (the rows were built
     * without the labeler's trade).
     */
    public static double[] excessPerSigma(EnsembleDataset d) {
        return excessPerSigma(d, 0.0);
    }

    /**
     * As {@link #excessPerSigma(EnsembleDataset)} on (net return + {@code addBack}) / sigma: {@code addBack} = the
     * round trip gives the return before costs ({@code label: relative_gross}).
     */
    public static double[] excessPerSigma(EnsembleDataset d, double addBack) {
        int n = d.rows();
        double[] perSigma = new double[n];
        Map<Instant, List<Integer>> byTime = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double r = d.realisedReturn(i), s = d.sigma(i);
            if (!Double.isFinite(r) || !(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("the relative label needs each row's realised return and sigma; row " + i + " ("
                        + d.symbol(i) + " at " + d.decisionTime(i) + ") has return " + r + ", sigma " + s);
            }
            perSigma[i] = (r + addBack) / s;
            byTime.computeIfAbsent(d.decisionTime(i), t -> new ArrayList<>()).add(i);
        }
        double[] out = new double[n];
        for (List<Integer> rows : byTime.values()) {
            double m = median(rows.stream().mapToDouble(i -> perSigma[i]).toArray());
            for (int i : rows) out[i] = perSigma[i] - m;
        }
        return out;
    }

    /**
     * The margin that makes {@link #HOLD_SHARE} of {@code rows} HOLD: the 1/3 quantile (lower order statistic)
     * of |excess| over those rows. Called with the training rows only.
     */
    public static double chooseMargin(double[] excess, int[] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("no training rows to choose the relative label's margin on");
        double[] a = new double[rows.length];
        for (int i = 0; i < rows.length; i++) a[i] = Math.abs(excess[rows[i]]);
        Arrays.sort(a);
        int k = (int) Math.ceil(HOLD_SHARE * a.length) - 1;
        // Below TIE the rows tie with their median (e.g. stopped trades on the gross label): margin 0, they are the HOLDs.
        return a[Math.max(0, k)] <= TIE ? 0.0 : a[Math.max(0, k)];
    }

    /** BUY above +margin, SELL below -margin, HOLD otherwise (a row at the margin, within {@link #TIE}, is HOLD). */
    public static Decision[] labels(double[] excess, double margin) {
        if (!(margin >= 0)) throw new IllegalArgumentException("the relative label's margin must be 0 sigmas or more (got " + margin + ")");
        double m = margin + TIE;
        Decision[] out = new Decision[excess.length];
        for (int i = 0; i < excess.length; i++) {
            out[i] = excess[i] > m ? Decision.BUY : excess[i] < -m ? Decision.SELL : Decision.HOLD;
        }
        return out;
    }

    static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }
}
