package autotrader.market.store;

import autotrader.market.Bar;
import autotrader.market.csv.BarSeries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One stored series as columns (epoch seconds and prices), oldest first, as {@link BarStore#readColumns} reads it. */
public final class StoredBars implements BarSeries.Columns {

    static final StoredBars NONE = new StoredBars(new long[0], new long[0], new double[0], new double[0], new double[0], new double[0],
            new double[0], 0);

    private final long[] start, end;
    private final double[] open, high, low, close, volume;
    private final int size;

    private StoredBars(long[] start, long[] end, double[] open, double[] high, double[] low, double[] close, double[] volume, int size) {
        this.start = start;
        this.end = end;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.size = size;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long startSec(int i) {
        return start[i];
    }

    @Override
    public long endSec(int i) {
        return end[i];
    }

    @Override
    public double open(int i) {
        return open[i];
    }

    @Override
    public double high(int i) {
        return high[i];
    }

    @Override
    public double low(int i) {
        return low[i];
    }

    @Override
    public double close(int i) {
        return close[i];
    }

    @Override
    public double volume(int i) {
        return volume[i];
    }

    public List<Bar> toBars() {
        List<Bar> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Bar(Instant.ofEpochSecond(start[i]), Instant.ofEpochSecond(end[i]), open[i], high[i], low[i], close[i], volume[i]));
        }
        return out;
    }

    /** Rows appended in order; {@link #build} once. */
    static final class Builder {
        private long[] start = new long[1024], end = new long[1024];
        private double[] open = new double[1024], high = new double[1024], low = new double[1024], close = new double[1024],
                volume = new double[1024];
        private int size;

        void add(long s, long e, double o, double h, double l, double c, double v) {
            if (size == start.length) {
                int n = size * 2;
                start = Arrays.copyOf(start, n);
                end = Arrays.copyOf(end, n);
                open = Arrays.copyOf(open, n);
                high = Arrays.copyOf(high, n);
                low = Arrays.copyOf(low, n);
                close = Arrays.copyOf(close, n);
                volume = Arrays.copyOf(volume, n);
            }
            start[size] = s;
            end[size] = e;
            open[size] = o;
            high[size] = h;
            low[size] = l;
            close[size] = c;
            volume[size] = v;
            size++;
        }

        StoredBars build() {
            return size == 0 ? NONE : new StoredBars(start, end, open, high, low, close, volume, size);
        }
    }
}
