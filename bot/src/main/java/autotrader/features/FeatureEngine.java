package autotrader.features;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bars of one symbol and one timeframe into feature rows (see docs/features.md).
 *
 * <p><b>Every row is a function of at most the last {@link #WINDOW_BARS} bars ending at it.</b>
 * Many indicators are recursive (EMA, Wilder RSI/ATR/ADX, OBV) and their value depends on where the
 * series starts. The live pipeline sees 100 bars; if training saw years of history instead, the
 * same bar would get different features in training and live. Anchoring each row to its own
 * trailing window removes that skew: {@link #compute} for row t gives bit-for-bit what
 * {@link #latest} gives for the bars ending at t, whatever the history length. The cost is that
 * {@code compute} evaluates one window per row (about as much work as one latest() call per bar).
 *
 * <p>A feature whose lookback is not covered by the bars in the window is {@link Double#NaN}.
 * Instances are stateless and thread-safe.
 */
public final class FeatureEngine {

    private static final Logger log = LoggerFactory.getLogger(FeatureEngine.class);

    /** Bars each row may look back over, this bar included (the pipeline's live window). */
    public static final int WINDOW_BARS = 100;

    private static final List<FeatureDef> DEFS;
    private static final List<FeatureSpec> SPECS;
    private static final List<String> NAMES;
    private static final int[] MIN_BARS;

    static {
        List<FeatureDef> defs = new ArrayList<>();
        defs.addAll(TechnicalFeatures.defs());
        defs.addAll(VolumeFeatures.defs());
        defs.addAll(PriceFeatures.defs());
        defs.addAll(ScannerFeatures.defs());
        DEFS = List.copyOf(defs);
        SPECS = DEFS.stream().map(FeatureDef::spec).toList();
        NAMES = SPECS.stream().map(FeatureSpec::name).toList();
        if (new HashSet<>(NAMES).size() != NAMES.size()) throw new IllegalStateException("duplicate feature names");
        MIN_BARS = SPECS.stream().mapToInt(FeatureSpec::minBars).toArray();
        for (FeatureSpec spec : SPECS) {
            if (spec.minBars() > WINDOW_BARS)
                throw new IllegalStateException(spec.name() + " needs more bars than the window holds");
        }
    }

    private final String symbol;
    private final Timeframe timeframe;

    public FeatureEngine(String symbol, Timeframe timeframe) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
    }

    /** Column names in row order. Models record this list; a change means retraining. */
    public static List<String> featureNames() {
        return NAMES;
    }

    /** Name, group, minimum bars, units and definition of every feature, in row order. */
    public static List<FeatureSpec> featureSpecs() {
        return SPECS;
    }

    public static int featureCount() {
        return NAMES.size();
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    /**
     * One row per bar (bars oldest first, strictly increasing end times, all valid). Row t uses only
     * bars max(0, t - WINDOW_BARS + 1)..t. {@code momentum} may be null (scanner features NaN).
     */
    public FeatureMatrix compute(List<Bar> bars, Momentum momentum) {
        long started = System.nanoTime();
        int n = bars.size();
        // One fresh window per row, exactly what latest() does: a recursive indicator (EMA, Wilder) is
        // seeded at its row's window start, so one pass over the whole series would give other values.
        double[][] rows = rows(bars, 0, momentum);
        List<Instant> ends = new ArrayList<>(n);
        for (Bar bar : bars) ends.add(bar.end());
        log.debug("{} {}: {} feature rows in {} ms", symbol, timeframe, n, (System.nanoTime() - started) / 1_000_000);
        return new FeatureMatrix(NAMES, Collections.unmodifiableList(ends), rows);
    }

    /**
     * The rows of bars {@code from..n-1} (oldest first), each equal to {@link #latest} on the bars
     * ending at it: row t uses only bars max(0, t - WINDOW_BARS + 1)..t. The bars are converted once
     * for all the windows (see PreparedBars) instead of once per row.
     */
    public double[][] rows(List<Bar> bars, int from, Momentum momentum) {
        int n = bars.size();
        if (from < 0 || from > n) throw new IllegalArgumentException(symbol + " " + timeframe + ": rows from " + from + " of " + n + " bars");
        double[][] rows = new double[n - from][];
        if (rows.length == 0) return rows;
        int first = Math.max(0, from - WINDOW_BARS + 1);
        PreparedBars prepared;
        try {
            prepared = new PreparedBars(bars.subList(first, n));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(symbol + " " + timeframe + ": " + e.getMessage(), e);
        }
        for (int t = from; t < n; t++) {
            int windowStart = Math.max(0, t - WINDOW_BARS + 1);
            rows[t - from] = bind(new SeriesWindow(prepared, windowStart - first, t + 1 - first, timeframe, momentum)).row(t - windowStart);
        }
        return rows;
    }

    /** The row of the last bar only: equal to the last row of {@link #compute} on the same bars. */
    public double[] latest(List<Bar> bars, Momentum momentum) {
        int n = bars.size();
        if (n == 0) throw new IllegalArgumentException(symbol + " " + timeframe + ": no bars");
        return rows(bars, n - 1, momentum)[0];
    }

    private BoundFeatures bind(SeriesWindow window) {
        IntToDoubleFunction[] functions = new IntToDoubleFunction[DEFS.size()];
        for (int k = 0; k < functions.length; k++) functions[k] = DEFS.get(k).binder().apply(window);
        return new BoundFeatures(functions);
    }

    /** The feature functions of one window. */
    private record BoundFeatures(IntToDoubleFunction[] functions) {

        double[] row(int index) {
            double[] row = new double[functions.length];
            int barsAvailable = index + 1;
            for (int k = 0; k < row.length; k++) {
                // Not evaluated at all during warm-up: ta4j (whose arithmetic Indicators reproduces) returns partial-window values there.
                row[k] = barsAvailable < MIN_BARS[k] ? Double.NaN : functions[k].applyAsDouble(index);
            }
            return row;
        }
    }
}
