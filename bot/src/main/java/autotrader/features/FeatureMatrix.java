package autotrader.features;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Feature rows for a run of bars: {@code values[row][col]}, one row per bar (oldest first), the
 * columns in {@link FeatureEngine#featureNames()} order; {@code endTimes[row]} is that bar's end.
 * Missing values (warm-up, degenerate input) are {@link Double#NaN}.
 */
public record FeatureMatrix(List<String> names, List<Instant> endTimes, double[][] values) {

    public int rows() {
        return values.length;
    }

    public int columns() {
        return names.size();
    }

    /** Column index of a feature name; throws when the name is unknown. */
    public int column(String name) {
        int index = names.indexOf(name);
        if (index < 0) throw new IllegalArgumentException("unknown feature '" + name + "'");
        return index;
    }

    public double get(int row, String name) {
        return values[row][column(name)];
    }

    public double[] row(int row) {
        return values[row];
    }

    /** Rows from (inclusive) to (exclusive), sharing the row arrays. */
    public FeatureMatrix slice(int from, int to) {
        return new FeatureMatrix(names, endTimes.subList(from, to), Arrays.copyOfRange(values, from, to));
    }
}
