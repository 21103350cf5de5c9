package autotrader.predict;

import autotrader.market.Timeframe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Samples for one timeframe: each is the last {@code sequenceLength} feature rows ending at bar t of
 * one symbol, with target {@code ln(close[t+1] / close[t])}. Feature rows are stored once per
 * {@link Segment} (a gap-free run of one symbol's bars) and shared by the overlapping sequences.
 */
public final class SequenceDataset {

    /** Raw (unnormalised) feature rows of consecutive bars of one symbol; row r is bar {@code firstBar + r}. */
    public record Segment(String symbol, int firstBar, double[][] rows, Instant[] barEnds) {
    }

    /**
     * One training example. {@code endRow} indexes the segment's rows (the bar t the prediction is made
     * at); {@code inputStart} is the start of the sequence's first bar, {@code end} the end of bar t,
     * {@code targetEnd} the end of bar t+1 whose close is predicted.
     */
    public record Sample(int segment, int endRow, String symbol, Instant inputStart, Instant end, Instant targetEnd,
                         double target, double close) {
    }

    private final Timeframe timeframe;
    private final int sequenceLength;
    private final List<String> featureNames;
    private final List<Segment> segments;
    private final List<Sample> samples;
    private final List<String> symbols;
    private final long candidates;

    /** {@code candidates}: how many samples the bars allowed before sampling down to these. */
    public SequenceDataset(Timeframe timeframe, int sequenceLength, List<String> featureNames, List<Segment> segments,
                           List<Sample> samples, long candidates) {
        this.candidates = candidates;
        this.timeframe = timeframe;
        this.sequenceLength = sequenceLength;
        this.featureNames = List.copyOf(featureNames);
        this.segments = List.copyOf(segments);
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(Sample::end).thenComparing(Sample::symbol));
        this.samples = List.copyOf(sorted);
        this.symbols = sorted.stream().map(Sample::symbol).distinct().sorted().toList();
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Every sample, oldest bar t first. */
    public List<Sample> samples() {
        return samples;
    }

    public List<String> symbols() {
        return symbols;
    }

    /** Samples the bars allowed before sampling down to {@code maxSamples}. */
    public long candidates() {
        return candidates;
    }

    public int size() {
        return samples.size();
    }

    /** The raw feature rows of a sample's sequence, oldest first ({@code sequenceLength} rows). */
    public double[][] sequence(Sample s) {
        double[][] rows = segments.get(s.segment()).rows();
        double[][] out = new double[sequenceLength][];
        for (int k = 0; k < sequenceLength; k++) out[k] = rows[s.endRow() - sequenceLength + 1 + k];
        return out;
    }

    /**
     * Walk-forward split by time across all symbols at a cut instant: training samples have their
     * target bar ending at or before the cut; validation samples have their first input bar starting
     * at or after it. Samples straddling the cut (inputs before it, target after) are purged, so no
     * training target lies inside any validation sample's inputs or later. The cut is the sample end
     * time that makes training {@code trainFraction} of the samples kept (training + validation): a
     * plain 80% time quantile would leave long-bar timeframes (6h: 60 bars = 30 sessions purged) with
     * almost no validation samples.
     */
    public Split split(double trainFraction) {
        if (samples.size() < 2) throw new IllegalStateException(timeframe + ": only " + samples.size() + " samples, cannot split");
        int n = samples.size();
        long[] targetEnds = new long[n], inputStarts = new long[n];
        for (int i = 0; i < n; i++) {
            targetEnds[i] = samples.get(i).targetEnd().getEpochSecond();
            inputStarts[i] = samples.get(i).inputStart().getEpochSecond();
        }
        Arrays.sort(targetEnds);
        Arrays.sort(inputStarts);
        Instant best = samples.get(n / 2).end();
        double bestGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (i > 0 && samples.get(i).end().equals(samples.get(i - 1).end())) continue;
            long cut = samples.get(i).end().getEpochSecond();
            int train = upperBound(targetEnds, cut);          // targetEnd <= cut
            int val = n - lowerBound(inputStarts, cut);       // inputStart >= cut
            if (train == 0 || val == 0) continue;
            double gap = Math.abs(train / (double) (train + val) - trainFraction);
            if (gap < bestGap) {
                bestGap = gap;
                best = samples.get(i).end();
            }
        }
        Instant cut = best;
        List<Sample> train = new ArrayList<>(), validation = new ArrayList<>();
        int purged = 0;
        for (Sample s : samples) {
            if (!s.targetEnd().isAfter(cut)) train.add(s);
            else if (!s.inputStart().isBefore(cut)) validation.add(s);
            else purged++;
        }
        return new Split(cut, train, validation, purged);
    }

    private static int upperBound(long[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int lowerBound(long[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Training and validation samples and what was dropped between them. */
    public record Split(Instant cut, List<Sample> train, List<Sample> validation, int purged) {
    }
}
