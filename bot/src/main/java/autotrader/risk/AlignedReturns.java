package autotrader.risk;

import autotrader.market.Bar;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Bars turned into log close-to-close returns. Invalid bars are dropped and counted; bars ending after
 * {@code asOf} are ignored, so nothing later than the decision time can leak in.
 */
final class AlignedReturns {

    private AlignedReturns() {}

    /** Bar end times (epoch ms) and closes of the usable bars, strictly increasing in time. */
    record Closes(long[] end, double[] close, int dropped) {
        int size() {
            return end.length;
        }
    }

    static Closes closes(List<Bar> bars, Instant asOf) {
        long limit = asOf == null ? Long.MAX_VALUE : asOf.toEpochMilli();
        long[] end = new long[bars.size()];
        double[] close = new double[bars.size()];
        int n = 0, dropped = 0;
        for (Bar bar : bars) {
            if (bar == null || !bar.isValid()) {
                dropped++;
                continue;
            }
            long t = bar.end().toEpochMilli();
            if (t > limit) continue;
            if (n > 0 && t <= end[n - 1]) { // out of order or duplicate end time: keep the first, count the rest
                dropped++;
                continue;
            }
            end[n] = t;
            close[n] = bar.close();
            n++;
        }
        return new Closes(Arrays.copyOf(end, n), Arrays.copyOf(close, n), dropped);
    }

    static double[] logReturns(Closes c) {
        return ReturnSeries.logReturns(c.close());
    }

    /**
     * Log returns of both series over the bar end times they share: returns are taken between consecutive shared
     * times, so a bar missing in one series widens both returns equally instead of pairing unequal spans.
     */
    static double[][] pairedReturns(Closes a, Closes b) {
        int i = 0, j = 0, n = 0;
        double[] ca = new double[Math.min(a.size(), b.size())], cb = new double[ca.length];
        while (i < a.size() && j < b.size()) {
            long ta = a.end()[i], tb = b.end()[j];
            if (ta == tb) {
                ca[n] = a.close()[i++];
                cb[n++] = b.close()[j++];
            } else if (ta < tb) {
                i++;
            } else {
                j++;
            }
        }
        return new double[][] {ReturnSeries.logReturns(Arrays.copyOf(ca, n)),
                ReturnSeries.logReturns(Arrays.copyOf(cb, n))};
    }
}
