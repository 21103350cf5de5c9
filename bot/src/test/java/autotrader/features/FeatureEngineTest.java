package autotrader.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {

    private static final Momentum MOMENTUM = new Momentum("ABC", 72, 61.5, 2.4, 3.2, 0.55, "up");
    private final FeatureEngine engine = new FeatureEngine("ABC", Timeframe.M5);

    @Test
    void hasBetween80And100UniqueSnakeCaseNames() {
        List<String> names = FeatureEngine.featureNames();
        assertTrue(names.size() >= 80 && names.size() <= 100, "feature count " + names.size());
        assertEquals(names.size(), new HashSet<>(names).size(), "names must be unique");
        for (String name : names) assertTrue(name.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*"), name);
        assertEquals(names, FeatureEngine.featureNames(), "stable order");
        assertEquals(names.size(), FeatureEngine.featureSpecs().size());
    }

    @Test
    void rowsAtTDoNotChangeWhenLaterBarsAreAlteredOrAppended() {
        List<Bar> bars = SyntheticBars.randomWalk(7, 260, Timeframe.M5, 50);
        FeatureMatrix full = engine.compute(bars, MOMENTUM);
        SplittableRandom random = new SplittableRandom(99);
        for (int t : new int[] {0, 1, 13, 27, 60, 98, 99, 100, 101, 150, 230}) {
            List<Bar> altered = new ArrayList<>(bars.subList(0, t + 1));
            altered.addAll(alter(bars.subList(t + 1, bars.size()), random));
            int extra = random.nextInt(1, 30); // and a few more bars appended
            List<Bar> tail = SyntheticBars.randomWalk(random.nextLong(), extra + 1, Timeframe.M5, 80);
            for (Bar b : tail) {
                Bar last = altered.get(altered.size() - 1);
                long shift = last.end().getEpochSecond() - b.start().getEpochSecond() + 300L * altered.size();
                if (b.start().plusSeconds(shift).isAfter(last.start()))
                    altered.add(new Bar(b.start().plusSeconds(shift), b.end().plusSeconds(shift), b.open(), b.high(), b.low(), b.close(), b.volume()));
            }
            FeatureMatrix other = engine.compute(altered, MOMENTUM);
            assertRowEquals(full.row(t), other.row(t), "row " + t + " after altering later bars");
            assertRowEquals(full.row(t), engine.latest(bars.subList(0, t + 1), MOMENTUM), "latest at " + t);
        }
    }

    @Test
    void rowsOfARunEqualEachRowComputedFromItsOwnWindowAlone() {
        // rows() converts the bars once and slices a window per row; each row must be what a window made
        // from its own 100 bars gives (windows starting mid-session included), bit for bit
        for (Timeframe tf : new Timeframe[] {Timeframe.M5, Timeframe.D1}) {
            FeatureEngine e = new FeatureEngine("ABC", tf);
            List<Bar> bars = SyntheticBars.randomWalk(11, 280, tf, 40);
            for (int from : new int[] {0, 1, 57, 99, 100, 181, 279}) {
                double[][] rows = e.rows(bars, from, MOMENTUM);
                assertEquals(bars.size() - from, rows.length);
                for (int t = from; t < bars.size(); t += 7) {
                    List<Bar> own = new ArrayList<>(bars.subList(Math.max(0, t - FeatureEngine.WINDOW_BARS + 1), t + 1));
                    assertRowEquals(e.latest(own, MOMENTUM), rows[t - from], tf + " row " + t + " of rows from " + from);
                }
            }
            assertEquals(0, e.rows(bars, bars.size(), null).length);
        }
    }

    @Test
    void latestEqualsLastRowOfCompute() {
        List<Bar> bars = SyntheticBars.randomWalk(3, 240, Timeframe.H1, 120);
        for (int n : new int[] {1, 2, 30, 99, 100, 101, 240}) {
            List<Bar> head = bars.subList(0, n);
            FeatureMatrix m = engine.compute(head, null);
            assertEquals(n, m.rows());
            assertRowEquals(m.row(n - 1), engine.latest(head, null), "n=" + n);
        }
    }

    @Test
    void warmUpIsNaNUntilEachFeatureHasItsMinimumBars() {
        List<Bar> bars = SyntheticBars.randomWalk(5, 40, Timeframe.M30, 30);
        FeatureMatrix m = engine.compute(bars, MOMENTUM);
        List<FeatureSpec> specs = FeatureEngine.featureSpecs();
        int longLookbacks = 0;
        for (int c = 0; c < specs.size(); c++) {
            int minBars = specs.get(c).minBars();
            if (minBars > bars.size()) longLookbacks++;
            for (int r = 0; r < m.rows(); r++) {
                if (r + 1 < minBars) assertTrue(Double.isNaN(m.values()[r][c]), specs.get(c).name() + " row " + r);
            }
        }
        assertTrue(longLookbacks >= 8, "50-bar features must be missing on 40 bars: " + longLookbacks);
        assertTrue(Double.isNaN(m.get(39, "sma_dist_50")));
        assertTrue(Double.isNaN(m.get(39, "ema_slope_50")));
        assertTrue(Double.isFinite(m.get(39, "rsi_14")));
        assertTrue(Double.isNaN(m.get(13, "rsi_14")));
        assertTrue(Double.isFinite(m.get(14, "rsi_14")));
    }

    @Test
    void everyFeatureIsFiniteAfterWarmUpOnALongRandomWalk() {
        List<Bar> bars = SyntheticBars.randomWalk(11, 400, Timeframe.M5, 25);
        FeatureMatrix m = engine.compute(bars, MOMENTUM);
        int maxMinBars = FeatureEngine.featureSpecs().stream().mapToInt(FeatureSpec::minBars).max().orElseThrow();
        assertTrue(maxMinBars <= 60, "longest lookback " + maxMinBars);
        for (int r = FeatureEngine.WINDOW_BARS - 1; r < m.rows(); r++) {
            for (int c = 0; c < m.columns(); c++) {
                if (!Double.isFinite(m.values()[r][c])) fail(m.names().get(c) + " is " + m.values()[r][c] + " at row " + r);
            }
        }
    }

    @Test
    void dailyBarsHaveNoIntradaySessionFeatures() {
        FeatureEngine daily = new FeatureEngine("ABC", Timeframe.D1);
        List<Bar> bars = SyntheticBars.randomWalk(12, 150, Timeframe.D1, 40);
        FeatureMatrix m = daily.compute(bars, MOMENTUM);
        Set<String> intradayOnly = Set.of("session_vwap_dist", "session_time_frac");
        for (int c = 0; c < m.columns(); c++) {
            double v = m.values()[149][c];
            String name = m.names().get(c);
            if (intradayOnly.contains(name)) assertTrue(Double.isNaN(v), name);
            else assertTrue(Double.isFinite(v), name + " = " + v);
        }
        assertEquals(m.get(149, "gap_open"), m.get(149, "session_gap"), "a daily bar is its own session");
    }

    @Test
    void scannerValuesAreCopiedIntoEveryRowOrMissing() {
        List<Bar> bars = SyntheticBars.randomWalk(2, 20, Timeframe.M1, 10);
        FeatureMatrix with = engine.compute(bars, MOMENTUM);
        FeatureMatrix without = engine.compute(bars, null);
        for (int r = 0; r < bars.size(); r++) {
            assertEquals(72, with.get(r, "momentum_score"));
            assertEquals(61.5, with.get(r, "scan_rsi"));
            assertEquals(2.4, with.get(r, "scan_rvol"));
            assertEquals(3.2, with.get(r, "scan_percent_change"));
            assertEquals(0.55, with.get(r, "scan_trend_strength"));
            assertTrue(Double.isNaN(without.get(r, "momentum_score")));
            assertTrue(Double.isNaN(without.get(r, "scan_trend_strength")));
        }
    }

    @Test
    void priceAndVolumeScaleDoNotChangeAnyFeature() {
        List<Bar> bars = SyntheticBars.randomWalk(21, 230, Timeframe.M30, 17);
        List<Bar> scaled = new ArrayList<>();
        for (Bar b : bars) {
            scaled.add(new Bar(b.start(), b.end(), b.open() * 10, b.high() * 10, b.low() * 10, b.close() * 10, b.volume() * 3));
        }
        FeatureMatrix a = engine.compute(bars, MOMENTUM);
        FeatureMatrix b = engine.compute(scaled, MOMENTUM);
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.columns(); c++) {
                double x = a.values()[r][c], y = b.values()[r][c];
                if (Double.isNaN(x) && Double.isNaN(y)) continue;
                double tolerance = 1e-9 * Math.max(1, Math.abs(x));
                if (!(Math.abs(x - y) <= tolerance)) fail(a.names().get(c) + " row " + r + ": " + x + " vs " + y);
            }
        }
    }

    @Test
    void rejectsInvalidOrUnorderedBars() {
        List<Bar> bars = new ArrayList<>(SyntheticBars.randomWalk(1, 10, Timeframe.M5, 10));
        Bar b = bars.get(4);
        bars.set(4, new Bar(b.start(), b.end(), b.open(), b.low() * 0.5, b.low(), b.close(), b.volume()));
        assertThrows(IllegalArgumentException.class, () -> engine.compute(bars, null));
        List<Bar> unordered = new ArrayList<>(SyntheticBars.randomWalk(1, 10, Timeframe.M5, 10));
        unordered.set(5, unordered.get(3));
        assertThrows(IllegalArgumentException.class, () -> engine.latest(unordered, null));
        assertThrows(IllegalArgumentException.class, () -> engine.latest(List.of(), null));
    }

    /** Random changes to prices and volumes of the given bars, keeping them valid. */
    static List<Bar> alter(List<Bar> bars, SplittableRandom random) {
        List<Bar> out = new ArrayList<>();
        for (Bar b : bars) {
            if (random.nextInt(3) == 0) {
                out.add(b);
                continue;
            }
            double f = Math.exp(random.nextDouble(-0.2, 0.2));
            double open = b.open() * f, close = b.close() * Math.exp(random.nextDouble(-0.2, 0.2));
            double high = Math.max(open, close) * (1 + random.nextDouble(0.05));
            double low = Math.min(open, close) * (1 - random.nextDouble(0.05));
            out.add(new Bar(b.start(), b.end(), open, high, low, close, b.volume() * random.nextDouble(0, 5)));
        }
        return out;
    }

    static void assertRowEquals(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int c = 0; c < expected.length; c++) {
            if (Double.doubleToLongBits(expected[c]) != Double.doubleToLongBits(actual[c]))
                fail(what + ": " + FeatureEngine.featureNames().get(c) + " " + expected[c] + " != " + actual[c]);
        }
    }
}
