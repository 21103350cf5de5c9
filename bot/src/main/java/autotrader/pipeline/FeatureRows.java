package autotrader.pipeline;

import autotrader.features.FeatureEngine;
import autotrader.features.FeatureMatrix;
import autotrader.market.Bar;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last N feature rows of a symbol and timeframe, remembered between cycles. A row depends only
 * on the 100 bars ending at its bar (see FeatureEngine), so a row once computed for a bar end time
 * never changes, and a cycle five minutes after the last one computes only the rows of new bars.
 * Rows are computed without scanner values (the predictors never use them); the ensemble takes the
 * scan's values separately. Bounded: the least recently used series are dropped.
 */
public final class FeatureRows {

    private record Key(String symbol, Timeframe tf) {
    }

    private final int maxSeries;
    private final Map<Key, Map<Instant, double[]>> series;

    public FeatureRows(int maxSeries) {
        this.maxSeries = maxSeries;
        this.series = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Map<Instant, double[]>> eldest) {
                return size() > FeatureRows.this.maxSeries;
            }
        };
    }

    /** Feature rows for the last {@code n} bars (fewer when the history is shorter), oldest first. */
    public FeatureMatrix lastRows(String symbol, Timeframe tf, List<Bar> bars, int n) {
        Map<Instant, double[]> rows;
        synchronized (series) {
            rows = series.computeIfAbsent(new Key(symbol, tf), k -> new ConcurrentHashMap<>());
        }
        int from = Math.max(0, bars.size() - n);
        // Rows once computed for a bar end never change; the missing ones (normally the newest few) are
        // computed together, from the first missing one on.
        int firstMissing = bars.size();
        for (int i = from; i < bars.size(); i++) {
            if (!rows.containsKey(bars.get(i).end())) {
                firstMissing = i;
                break;
            }
        }
        if (firstMissing < bars.size()) {
            double[][] fresh = new FeatureEngine(symbol, tf).rows(bars, firstMissing, null);
            for (int i = firstMissing; i < bars.size(); i++) rows.putIfAbsent(bars.get(i).end(), fresh[i - firstMissing]);
        }
        List<Instant> times = new ArrayList<>(bars.size() - from);
        double[][] values = new double[bars.size() - from][];
        for (int i = from; i < bars.size(); i++) {
            Instant end = bars.get(i).end();
            times.add(end);
            values[i - from] = rows.get(end);
        }
        if (rows.size() > 2 * n) rows.keySet().removeIf(t -> t.isBefore(times.get(0)));
        return new FeatureMatrix(FeatureEngine.featureNames(), times, values);
    }
}
