package autotrader.market.sim;

import autotrader.market.Bar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One simulated session's 1-minute bars, kept as plain arrays (a fifth of the memory of Bar objects). */
final class MinuteDay {

    final long openSec;
    final double[] open, high, low, close, volume;

    MinuteDay(long openSec, int minutes) {
        this.openSec = openSec;
        this.open = new double[minutes];
        this.high = new double[minutes];
        this.low = new double[minutes];
        this.close = new double[minutes];
        this.volume = new double[minutes];
    }

    int minutes() {
        return open.length;
    }

    /** Minutes of this session completed at asOf (their end <= asOf). */
    int completedBy(long asOfSec) {
        long done = Math.floorDiv(asOfSec - openSec, 60);
        return (int) Math.max(0, Math.min(minutes(), done));
    }

    Bar bar(int k) {
        Instant start = Instant.ofEpochSecond(openSec + 60L * k);
        return new Bar(start, start.plusSeconds(60), open[k], high[k], low[k], close[k], volume[k]);
    }

    /** The first n minute bars. */
    List<Bar> bars(int n) {
        List<Bar> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) out.add(bar(k));
        return out;
    }

    /** The first n minutes summed into one bar from the open to the end of minute n. */
    Bar summary(int n) {
        double hi = high[0], lo = low[0], vol = 0;
        for (int k = 0; k < n; k++) {
            hi = Math.max(hi, high[k]);
            lo = Math.min(lo, low[k]);
            vol += volume[k];
        }
        return new Bar(Instant.ofEpochSecond(openSec), Instant.ofEpochSecond(openSec + 60L * n),
                open[0], hi, lo, close[n - 1], vol);
    }
}
