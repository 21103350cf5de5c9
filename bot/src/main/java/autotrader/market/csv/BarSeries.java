package autotrader.market.csv;

import autotrader.market.Bar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Bars of one symbol and timeframe in time order, stored column-wise (about a third of the memory
 * of Bar objects, which matters for 50k-row minute files). Bars never overlap, so their ends are
 * sorted too and "the last n bars complete at t" is a binary search.
 */
public final class BarSeries {

    public static final BarSeries EMPTY = new BarSeries();

    private long[] start = new long[16], end = new long[16];
    private double[] open = new double[16], high = new double[16], low = new double[16], close = new double[16],
            volume = new double[16];
    private int size;

    void add(long startSec, long endSec, double o, double h, double l, double c, double v) {
        if (size == start.length) grow();
        start[size] = startSec;
        end[size] = endSec;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    void add(Bar b) {
        add(b.start().getEpochSecond(), b.end().getEpochSecond(), b.open(), b.high(), b.low(), b.close(), b.volume());
    }

    public int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long startSec(int i) {
        return start[i];
    }

    long endSec(int i) {
        return end[i];
    }

    double open(int i) {
        return open[i];
    }

    double high(int i) {
        return high[i];
    }

    double low(int i) {
        return low[i];
    }

    double close(int i) {
        return close[i];
    }

    double volume(int i) {
        return volume[i];
    }

    /** Appends bar i of {@code from}. */
    void addFrom(BarSeries from, int i) {
        add(from.start[i], from.end[i], from.open[i], from.high[i], from.low[i], from.close[i], from.volume[i]);
    }

    Bar bar(int i) {
        return new Bar(Instant.ofEpochSecond(start[i]), Instant.ofEpochSecond(end[i]), open[i], high[i], low[i], close[i], volume[i]);
    }

    public List<Bar> toBars() {
        return range(0, size);
    }

    List<Bar> range(int from, int to) {
        List<Bar> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) out.add(bar(i));
        return out;
    }

    /** Index of the last bar that has ended by sec (end <= sec), or -1. */
    int lastEndedBy(long sec) {
        int i = Arrays.binarySearch(end, 0, size, sec);
        if (i < 0) return -i - 2;
        while (i + 1 < size && end[i + 1] == sec) i++;
        return i;
    }

    /** The last count bars complete at asOf, oldest first. */
    List<Bar> lastBars(Instant asOf, int count) {
        int last = lastEndedBy(asOf.getEpochSecond());
        return range(Math.max(0, last - count + 1), last + 1);
    }

    long lastEndSec() {
        return size == 0 ? Long.MIN_VALUE : end[size - 1];
    }

    /** Bars held as columns elsewhere (a store's read), in time order. */
    public interface Columns {
        int size();

        long startSec(int i);

        long endSec(int i);

        double open(int i);

        double high(int i);

        double low(int i);

        double close(int i);

        double volume(int i);
    }

    /** A copy of {@code c}, without a Bar per row. */
    public static BarSeries copyOf(Columns c) {
        BarSeries s = new BarSeries();
        for (int i = 0; i < c.size(); i++) s.add(c.startSec(i), c.endSec(i), c.open(i), c.high(i), c.low(i), c.close(i), c.volume(i));
        return s;
    }

    public static BarSeries of(List<Bar> bars) {
        BarSeries s = new BarSeries();
        for (Bar b : bars) s.add(b);
        return s;
    }

    /** Bars of several sources in time order; where two share a start, the earlier source wins. */
    static BarSeries merge(List<BarSeries> sources) {
        BarSeries out = EMPTY;
        for (BarSeries s : sources) out = out == EMPTY ? s : merge(out, s);
        return out == EMPTY ? new BarSeries() : out;
    }

    /**
     * Two series in start order, {@code first}'s bar where both have one starting at the same time: a
     * merge of the columns where both are sorted (every series the readers make is), otherwise a stable
     * sort of Bar objects.
     */
    private static BarSeries merge(BarSeries first, BarSeries second) {
        if (!first.sortedByStart() || !second.sortedByStart()) return mergeBySorting(List.of(first, second));
        BarSeries out = new BarSeries();
        int i = 0, j = 0;
        while (i < first.size || j < second.size) {
            boolean takeFirst = j == second.size || i < first.size && first.start[i] <= second.start[j];
            BarSeries from = takeFirst ? first : second;
            int k = takeFirst ? i++ : j++;
            if (out.size > 0 && out.start[out.size - 1] == from.start[k]) continue;
            out.addFrom(from, k);
        }
        return out;
    }

    private boolean sortedByStart() {
        for (int i = 1; i < size; i++) if (start[i] < start[i - 1]) return false;
        return true;
    }

    static BarSeries mergeBySorting(List<BarSeries> sources) {
        List<Bar> all = new ArrayList<>();
        for (BarSeries s : sources) all.addAll(s.toBars());
        all.sort(Comparator.comparing(Bar::start));   // stable: ties keep source order
        BarSeries out = new BarSeries();
        for (Bar b : all) {
            if (out.size > 0 && out.start[out.size - 1] == b.start().getEpochSecond()) continue;
            out.add(b);
        }
        return out;
    }

    private void grow() {
        int n = size * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        open = Arrays.copyOf(open, n);
        high = Arrays.copyOf(high, n);
        low = Arrays.copyOf(low, n);
        close = Arrays.copyOf(close, n);
        volume = Arrays.copyOf(volume, n);
    }
}
