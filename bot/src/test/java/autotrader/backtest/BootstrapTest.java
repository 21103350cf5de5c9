package autotrader.backtest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bootstrap's intervals and paired tests on series whose answer is known. */
class BootstrapTest {

    private static double[] noise(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = mean + sd * r.nextGaussian();
        return x;
    }

    private static double sharpe(double[] x) {
        return Metrics.sharpe(x, 0);
    }

    @Test
    void aConstantSeriesHasADegenerateInterval() {
        double[] trades = new double[40];
        Arrays.fill(trades, 0.013);
        Bootstrap.Interval m = new Bootstrap(1, 500).mean(trades);
        assertEquals(0.013, m.estimate(), 1e-15);
        assertEquals(0.013, m.low(), 1e-15);
        assertEquals(0.013, m.high(), 1e-15);
        Bootstrap.Interval daily = new Bootstrap(1, 500).daily(trades, Metrics::mean);
        assertEquals(0.013, daily.low(), 1e-15);
        assertEquals(0.013, daily.high(), 1e-15);
        // No variance, no Sharpe ratio: undefined in every resample, not an interval of zero width.
        Bootstrap.Interval s = new Bootstrap(1, 500).daily(trades, BootstrapTest::sharpe);
        assertTrue(Double.isNaN(s.estimate()) && Double.isNaN(s.low()));
        assertEquals(0, s.resamples());
    }

    @Test
    void theIntervalOfAMeanHasTheTextbookWidth() {
        // 400 independent values of sd 0.01: the mean's standard error is 0.0005, so the 95 % interval is about +-0.00098.
        double[] x = noise(3, 400, 0.002, 0.01);
        Bootstrap.Interval m = new Bootstrap(5, 2000).mean(x);
        double mean = Arrays.stream(x).average().orElseThrow();
        assertEquals(mean, m.estimate(), 1e-15);
        assertTrue(m.low() < mean && mean < m.high());
        assertEquals(2 * 1.96 * 0.0005, m.high() - m.low(), 0.0002, "width " + (m.high() - m.low()));
        Bootstrap.Interval d = new Bootstrap(5, 2000).daily(x, Metrics::mean);
        assertEquals(2 * 1.96 * 0.0005, d.high() - d.low(), 0.0003, "blocks of independent days: about the same width, " + (d.high() - d.low()));
    }

    @Test
    void aClearlyBetterSeriesBeatsAWorseOneAndACopyDoesNot() {
        double[] market = noise(7, 500, 0.0003, 0.01);
        double[] better = market.clone(), worse = market.clone();
        double[] edge = noise(8, 500, 0.003, 0.002);
        for (int i = 0; i < 500; i++) better[i] += edge[i];
        Bootstrap b = new Bootstrap(9, 2000);
        Bootstrap.Paired p = b.paired(better, worse, BootstrapTest::sharpe);
        assertTrue(p.difference().estimate() > 1, "Sharpe difference " + p.difference());
        assertTrue(p.difference().low() > 0, "the interval of the difference excludes 0: " + p.difference());
        assertTrue(p.pValue() < 0.01, "p " + p.pValue());
        assertTrue(p.significant());

        Bootstrap.Paired copy = b.paired(worse, worse.clone(), BootstrapTest::sharpe);
        assertEquals(0, copy.difference().estimate(), 0);
        assertEquals(0, copy.difference().low(), 0);
        assertEquals(0, copy.difference().high(), 0);
        assertEquals(1.0, copy.pValue(), 0, "a copy is never better");
        assertFalse(copy.significant());

        Bootstrap.Paired reversed = b.paired(worse, better, BootstrapTest::sharpe);
        assertTrue(reversed.pValue() > 0.99 && !reversed.significant());
        assertThrows(IllegalArgumentException.class, () -> b.paired(better, new double[3], BootstrapTest::sharpe));
    }

    @Test
    void aFixedSeedGivesTheSameAnswerAndAnotherSeedAnother() {
        double[] x = noise(11, 250, 0.0005, 0.012);
        Bootstrap.Interval a = new Bootstrap(42, 1000).daily(x, BootstrapTest::sharpe);
        Bootstrap.Interval again = new Bootstrap(42, 1000).daily(x, BootstrapTest::sharpe);
        Bootstrap.Interval other = new Bootstrap(43, 1000).daily(x, BootstrapTest::sharpe);
        assertEquals(a, again);
        assertTrue(a.low() != other.low() || a.high() != other.high());
        assertEquals(sharpe(x), a.estimate(), 0);
        assertTrue(a.low() < a.estimate() && a.estimate() < a.high());
    }

    @Test
    void stationaryResamplesRunInBlocksOfTheStatedMeanLength() {
        assertEquals(6, Bootstrap.blockLength(251));     // 251^(1/3) = 6.3
        assertEquals(1, Bootstrap.blockLength(1));
        Random rnd = new Random(1);
        int n = 10_000, breaks = 0;
        int[] idx = Bootstrap.stationaryIndices(n, 6, rnd);
        for (int i = 1; i < n; i++) if (idx[i] != (idx[i - 1] + 1) % n) breaks++;
        // A new block starts with probability 1/6 (and continues by chance with 1/n): about n/6 breaks.
        assertEquals(n / 6.0, breaks, 4 * Math.sqrt(n / 6.0 * 5 / 6));
        assertTrue(Arrays.stream(idx).allMatch(i -> i >= 0 && i < n));
        assertArrayEquals(Bootstrap.stationaryIndices(50, 6, new Random(3)), Bootstrap.stationaryIndices(50, 6, new Random(3)));
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] s = {1, 2, 3, 4};
        assertEquals(1, Bootstrap.quantile(s, 0), 0);
        assertEquals(2.5, Bootstrap.quantile(s, 0.5), 1e-12);
        assertEquals(3.85, Bootstrap.quantile(s, 0.95), 1e-12);
        assertEquals(4, Bootstrap.quantile(s, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(1, 10));
    }
}
