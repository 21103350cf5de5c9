package autotrader.ensemble;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import java.util.TreeSet;
/**
 * Computes a {@link SkillRecord} from scored rows whose trades are known. Pure arithmetic: the caller says
 * what the rows are (held-out period, walk-forward window) in {@code source}. Rows without a finite score
 * or a finite realised return are left out of everything, so every metric is over the same rows.
 */
public final class SkillMeasure {

    /** Fewer candidates than this at a decision time make its rank correlation too noisy to use. */
    public static final int MIN_NAMES_PER_TIME = 5;
    /** Equal-width buckets of stated BUY confidence over [0, 1]. */
    public static final int BUCKETS = 10;

    /**
     * The rows, all arrays of one length, index i describing one candidate at one decision time.
     *
     * @param times       decision time
     * @param symbols     the candidate
     * @param scores      what the model ranks by (e.g. P(BUY)); NaN = not scored
     * @param realised    the long trade's net return after costs (fraction); NaN = unknown
     * @param decisions   the model's call
     * @param confidences the call's stated confidence
     * @param won         whether the long trade won (label == BUY)
     */
    public record Rows(Instant[] times, String[] symbols, double[] scores, double[] realised, Decision[] decisions,
                       double[] confidences, boolean[] won) {
        public Rows {
            Objects.requireNonNull(times, "times");
            int n = times.length;
            requireLength("symbols", Objects.requireNonNull(symbols, "symbols").length, n);
            requireLength("scores", Objects.requireNonNull(scores, "scores").length, n);
            requireLength("realised", Objects.requireNonNull(realised, "realised").length, n);
            requireLength("decisions", Objects.requireNonNull(decisions, "decisions").length, n);
            requireLength("confidences", Objects.requireNonNull(confidences, "confidences").length, n);
            requireLength("won", Objects.requireNonNull(won, "won").length, n);
        }

        private static void requireLength(String field, int length, int expected) {
            if (length != expected) throw new IllegalArgumentException(field + " has " + length + " rows, times has " + expected);
        }
    }

    private SkillMeasure() {
    }

    /** The label's round trip: commission and slippage on both legs, as a fraction. */
    public static double roundTripCost(LabelSettings labels) {
        return 2 * (labels.commissionBps() + labels.slippageBps()) / 1e4;
    }

    /**
     * @param roundTripCost the label's round-trip cost (null when the caller does not know the label settings)
     * @param lag           Newey-West lags; null for the usual floor(4 (T/100)^(2/9))
     */
    public static SkillRecord measure(String source, String scoreName, Rows rows, Double roundTripCost, Integer lag) {
        if (lag != null && lag < 0) throw new IllegalArgumentException("lag must not be negative, got " + lag);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < rows.times().length; i++) {
            if (Double.isFinite(rows.scores()[i]) && Double.isFinite(rows.realised()[i]) && rows.times()[i] != null) kept.add(i);
        }
        Instant from = kept.stream().map(i -> rows.times()[i]).min(Comparator.naturalOrder()).orElse(null);
        Instant to = kept.stream().map(i -> rows.times()[i]).max(Comparator.naturalOrder()).orElse(null);

        TreeMap<Instant, List<Integer>> byTime = new TreeMap<>();
        for (int i : kept) byTime.computeIfAbsent(rows.times()[i], t -> new ArrayList<>()).add(i);
        List<Double> ics = new ArrayList<>();
        List<Double> spreads = new ArrayList<>();
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        for (List<Integer> at : byTime.values()) {
            if (at.size() < MIN_NAMES_PER_TIME) continue;
            double[] s = at.stream().mapToDouble(i -> rows.scores()[i]).toArray();
            double[] r = at.stream().mapToDouble(i -> rows.realised()[i]).toArray();
            double ic = spearman.correlation(s, r);
            // All scores (or all returns) tied: no ranking to judge, so the time is not in the IC's sample.
            if (!Double.isFinite(ic)) continue;
            ics.add(ic);
            spreads.add(topMinusBottom(at, rows));
        }
        double[] ic = ics.stream().mapToDouble(Double::doubleValue).toArray();
        int usedLag = lag != null ? lag : defaultLag(ic.length);
        double hits = ics.stream().filter(v -> v > 0).count();

        List<Integer> buys = kept.stream().filter(i -> rows.decisions()[i] == Decision.BUY).toList();
        double buyWins = buys.stream().filter(i -> rows.won()[i]).count();
        double buyReturn = buys.stream().mapToDouble(i -> rows.realised()[i]).sum();
        Calibration calibration = calibration(buys, rows);

        return new SkillRecord(source, from, to, ic.length, kept.size(), scoreName,
                finite(mean(ic)), finite(neweyWestT(ic, usedLag)), usedLag, finite(hits / ic.length),
                finite(mean(spreads.stream().mapToDouble(Double::doubleValue).toArray())),
                roundTripCost == null ? null : finite(roundTripCost),
                buys.size(), finite(buyWins / buys.size()), finite(buyReturn / buys.size()),
                finite(calibration.error), calibration.buckets);
    }

    /**
     * A lag that covers overlapping labels: the usual bandwidth for {@code times} distinct decision
     * times, or, when larger, the median number of later decision times that fall before a row's label
     * ends (daily decisions with a 10-session label overlap 9-10 of the next times, and their ICs are
     * correlated that far; a bandwidth of 4 would understate the variance).
     */
    public static int overlapAwareLag(Instant[] decisionTimes, Instant[] labelEnds) {
        TreeSet<Instant> distinct = new TreeSet<>();
        for (Instant t : decisionTimes) if (t != null) distinct.add(t);
        List<Integer> overlaps = new ArrayList<>();
        for (int i = 0; i < decisionTimes.length; i++) {
            if (decisionTimes[i] == null || labelEnds[i] == null) continue;
            overlaps.add(distinct.subSet(decisionTimes[i], false, labelEnds[i], false).size());
        }
        overlaps.sort(Comparator.naturalOrder());
        int overlap = overlaps.isEmpty() ? 0 : overlaps.get(overlaps.size() / 2);
        return Math.max(defaultLag(distinct.size()), overlap);
    }

    /** The usual automatic bandwidth for a Bartlett kernel (Newey and West 1994): floor(4 (T/100)^(2/9)). */
    static int defaultLag(int t) {
        return t <= 0 ? 0 : (int) Math.floor(4 * Math.pow(t / 100.0, 2.0 / 9.0));
    }

    /**
     * t-statistic of the mean of x with the Newey-West (1987) HAC variance, Bartlett weights:
     * gamma_j = (1/T) sum_{t=j+1..T} (x_t - m)(x_{t-j} - m), var(m) = (gamma_0 + 2 sum_{j=1..L} (1 - j/(L+1)) gamma_j) / T,
     * t = m / sqrt(var(m)). The lag is capped at T - 1 (no autocovariance exists beyond it). NaN when T < 2
     * or the variance is not positive (e.g. a constant series).
     */
    static double neweyWestT(double[] x, int lag) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double m = mean(x);
        int l = Math.min(lag, n - 1);
        double variance = autocovariance(x, m, 0);
        for (int j = 1; j <= l; j++) variance += 2 * (1 - j / (l + 1.0)) * autocovariance(x, m, j);
        variance /= n;
        return variance > 0 ? m / Math.sqrt(variance) : Double.NaN;
    }

    private static double autocovariance(double[] x, double mean, int j) {
        double sum = 0;
        for (int t = j; t < x.length; t++) sum += (x[t] - mean) * (x[t - j] - mean);
        return sum / x.length;
    }

    /** Mean return of the top fifth by score minus that of the bottom fifth (at least one row each). */
    private static double topMinusBottom(List<Integer> at, Rows rows) {
        // Ties by symbol so the quintiles do not depend on the rows' order.
        List<Integer> sorted = new ArrayList<>(at);
        sorted.sort(Comparator.<Integer>comparingDouble(i -> rows.scores()[i]).thenComparing(i -> rows.symbols()[i]));
        int q = Math.max(1, sorted.size() / 5);
        double bottom = 0, top = 0;
        for (int k = 0; k < q; k++) {
            bottom += rows.realised()[sorted.get(k)];
            top += rows.realised()[sorted.get(sorted.size() - 1 - k)];
        }
        return (top - bottom) / q;
    }

    private record Calibration(double error, List<SkillRecord.Bucket> buckets) {}

    /** The BUY calls' reliability: per bucket of stated confidence, what was said and what happened. */
    private static Calibration calibration(List<Integer> buys, Rows rows) {
        int[] count = new int[BUCKETS];
        double[] stated = new double[BUCKETS];
        int[] wins = new int[BUCKETS];
        double[] returns = new double[BUCKETS];
        for (int i : buys) {
            double c = rows.confidences()[i];
            if (!Double.isFinite(c)) continue;
            int b = bucket(c);
            count[b]++;
            stated[b] += c;
            if (rows.won()[i]) wins[b]++;
            returns[b] += rows.realised()[i];
        }
        int total = 0;
        for (int c : count) total += c;
        double error = 0;
        List<SkillRecord.Bucket> out = new ArrayList<>();
        for (int b = 0; b < BUCKETS; b++) {
            int n = count[b];
            Double meanStated = n == 0 ? null : stated[b] / n;
            Double winRate = n == 0 ? null : (double) wins[b] / n;
            if (n > 0) error += (double) n / total * Math.abs(winRate - meanStated);
            out.add(new SkillRecord.Bucket(lower(b), b == BUCKETS - 1 ? 1.0 : lower(b + 1), n, meanStated, winRate,
                    n == 0 ? null : returns[b] / n));
        }
        return new Calibration(total == 0 ? Double.NaN : error, out);
    }

    private static double lower(int b) {
        return (double) b / BUCKETS;
    }

    /** The bucket whose [lower, upper) holds c, decided by the same comparisons as {@link SkillRecord#bucketOf}. */
    static int bucket(double c) {
        int b = Math.max(0, Math.min(BUCKETS - 1, (int) Math.floor(c * BUCKETS)));
        // c * 10 can round across a boundary; compare with the bounds themselves.
        if (b > 0 && c < lower(b)) b--;
        else if (b < BUCKETS - 1 && c >= lower(b + 1)) b++;
        return b;
    }

    private static double mean(double[] x) {
        if (x.length == 0) return Double.NaN;
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
