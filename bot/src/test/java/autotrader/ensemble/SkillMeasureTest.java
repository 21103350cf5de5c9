package autotrader.ensemble;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SkillMeasureTest {

    static final Instant T0 = Instant.parse("2024-10-07T14:00:00Z");

    /** Collects rows for {@link SkillMeasure.Rows}. */
    static final class Fixture {
        final List<Instant> times = new ArrayList<>();
        final List<String> symbols = new ArrayList<>();
        final List<Double> scores = new ArrayList<>();
        final List<Double> realised = new ArrayList<>();
        final List<Decision> decisions = new ArrayList<>();
        final List<Double> confidences = new ArrayList<>();
        final List<Boolean> won = new ArrayList<>();

        Fixture add(Instant t, String symbol, double score, double ret, Decision d, double confidence, boolean w) {
            times.add(t);
            symbols.add(symbol);
            scores.add(score);
            realised.add(ret);
            decisions.add(d);
            confidences.add(confidence);
            won.add(w);
            return this;
        }

        SkillMeasure.Rows rows() {
            boolean[] w = new boolean[won.size()];
            for (int i = 0; i < w.length; i++) w[i] = won.get(i);
            return new SkillMeasure.Rows(times.toArray(Instant[]::new), symbols.toArray(String[]::new),
                    scores.stream().mapToDouble(Double::doubleValue).toArray(), realised.stream().mapToDouble(Double::doubleValue).toArray(),
                    decisions.toArray(Decision[]::new), confidences.stream().mapToDouble(Double::doubleValue).toArray(), w);
        }

        SkillRecord measure() {
            return SkillMeasure.measure("fixture", "P(BUY)", rows(), 0.001, null);
        }
    }

    /** 4 decision times x 6 names with distinct random returns; the score is the return times {@code sign}. */
    static Fixture ranked(double sign) {
        Fixture f = new Fixture();
        Random random = new Random(5);
        for (int t = 0; t < 4; t++) {
            for (int s = 0; s < 6; s++) {
                double r = random.nextGaussian() / 100;
                f.add(T0.plus(Duration.ofHours(t)), "S" + s, sign * r, r, Decision.HOLD, 0.5, r > 0);
            }
        }
        return f;
    }

    @Test
    void perfectRankingHasIcOneAndHitRateOne() {
        SkillRecord k = ranked(+1).measure();
        assertEquals(1.0, k.ic(), 1e-12);
        assertEquals(1.0, k.icHitRate());
        assertEquals(4, k.decisionTimes());
        assertEquals(24, k.rows());
        assertNull(k.icT(), "a constant IC series has no variance, so no finite t");
        assertTrue(k.topMinusBottom() > 0, "the best-scored name earned the most");
        assertEquals(T0, k.from());
        assertEquals(T0.plus(Duration.ofHours(3)), k.to());
        assertEquals("fixture", k.source());
        assertEquals("P(BUY)", k.score());
    }

    @Test
    void reversedRankingHasIcMinusOne() {
        SkillRecord k = ranked(-1).measure();
        assertEquals(-1.0, k.ic(), 1e-12);
        assertEquals(0.0, k.icHitRate());
        assertTrue(k.topMinusBottom() < 0);
    }

    @Test
    void thinTimesAndUnscoredRowsAreLeftOut() {
        Fixture f = ranked(+1);
        Instant thin = T0.plus(Duration.ofHours(10));
        // 4 names at one time: too few for a rank correlation, but they are still measured rows
        for (int s = 0; s < 4; s++) f.add(thin, "S" + s, -s, s / 100.0, Decision.HOLD, 0.5, s > 0);
        f.add(T0, "NOSCORE", Double.NaN, 0.05, Decision.BUY, 0.9, true);
        f.add(T0, "NORETURN", 0.3, Double.NaN, Decision.BUY, 0.9, true);
        SkillRecord k = f.measure();
        assertEquals(4, k.decisionTimes(), "the 4-name time is not in the IC's sample");
        assertEquals(28, k.rows(), "24 + the 4 thin-time rows; NaN score or return rows are dropped");
        assertEquals(1.0, k.ic(), 1e-12, "the reversed thin time would have pulled the mean down");
        assertEquals(0, k.buyTrades(), "the two BUYs had no score or no return");
        assertNull(k.buyWinRate());
        assertNull(k.calibrationError());
        assertEquals(thin, k.to());
    }

    @Test
    void topMinusBottomUsesQuintiles() {
        Fixture f = new Fixture();
        for (int s = 0; s < 10; s++) f.add(T0, "S" + s, s, s / 100.0, Decision.HOLD, 0.5, false);
        // quintile = 2 names: top (0.09 + 0.08) / 2 - bottom (0.00 + 0.01) / 2 = 0.08
        assertEquals(0.08, f.measure().topMinusBottom(), 1e-12);
    }

    @Test
    void neweyWestTMatchesAHandComputation() {
        // x = 0.1, 0.3, -0.1, 0.2, 0.0: mean 0.1, deviations 0, 0.2, -0.2, 0.1, -0.1
        // gamma0 = (0 + 0.04 + 0.04 + 0.01 + 0.01) / 5 = 0.02
        // gamma1 = (0.2*0 + -0.2*0.2 + 0.1*-0.2 + -0.1*0.1) / 5 = -0.07 / 5 = -0.014
        // lag 1, Bartlett weight 1 - 1/2: var = (0.02 + 2 * 0.5 * -0.014) / 5 = 0.0012; t = 0.1 / sqrt(0.0012) = 2.886751
        double[] x = {0.1, 0.3, -0.1, 0.2, 0.0};
        assertEquals(2.886751, SkillMeasure.neweyWestT(x, 1), 1e-6);
        // lag 0 is the plain t: var = 0.02 / 5 = 0.004; t = 0.1 / sqrt(0.004) = 1.581139
        assertEquals(1.581139, SkillMeasure.neweyWestT(x, 0), 1e-6);
        assertEquals(SkillMeasure.neweyWestT(x, 4), SkillMeasure.neweyWestT(x, 40), 0.0, "lags beyond T - 1 are capped");
        assertTrue(Double.isNaN(SkillMeasure.neweyWestT(new double[] {0.2}, 0)));
    }

    @Test
    void defaultLagIsTheNeweyWestRuleOfThumb() {
        assertEquals(4, SkillMeasure.defaultLag(100));  // 4 * 1
        assertEquals(2, SkillMeasure.defaultLag(5));    // 4 * 0.05^(2/9) = 2.06
        assertEquals(6, SkillMeasure.defaultLag(1000)); // 4 * 10^(2/9) = 6.67
        assertEquals(0, SkillMeasure.defaultLag(0));
    }

    @Test
    void buyBucketsCountStatedAgainstRealised() {
        Fixture f = new Fixture();
        f.add(T0, "A", 0.05, -0.01, Decision.BUY, 0.05, false)
                .add(T0, "B", 0.15, 0.02, Decision.BUY, 0.15, true)
                .add(T0, "C", 0.15, -0.01, Decision.BUY, 0.15, false)
                .add(T0, "D", 0.30, 0.03, Decision.BUY, 0.30, true)
                .add(T0, "E", 0.95, 0.02, Decision.BUY, 0.95, true)
                .add(T0, "F", 1.00, -0.02, Decision.BUY, 1.00, false)
                .add(T0, "G", 0.10, 0.04, Decision.HOLD, 0.90, true); // not a BUY call: in no bucket
        SkillRecord k = f.measure();
        assertEquals(6, k.buyTrades());
        assertEquals(0.5, k.buyWinRate(), 1e-12);
        assertEquals(0.005, k.buyMeanReturn(), 1e-12); // 0.03 / 6
        assertEquals(10, k.buckets().size());
        int[] trades = k.buckets().stream().mapToInt(SkillRecord.Bucket::trades).toArray();
        assertArrayEquals(new int[] {1, 2, 0, 1, 0, 0, 0, 0, 0, 2}, trades);
        SkillRecord.Bucket second = k.buckets().get(1);
        assertEquals(0.15, second.statedConfidence(), 1e-12);
        assertEquals(0.5, second.winRate(), 1e-12);
        assertEquals(0.005, second.meanReturn(), 1e-12);
        assertEquals(1.0, k.buckets().get(3).winRate(), "0.30 falls in [0.3, 0.4)");
        SkillRecord.Bucket top = k.buckets().get(9);
        assertEquals(0.975, top.statedConfidence(), 1e-12, "1.0 belongs to the last bucket");
        assertEquals(0.0, top.meanReturn(), 1e-12);
        assertNull(k.buckets().get(2).winRate(), "an empty bucket has no rates");
        // ECE = (1 x 0.05 + 2 x 0.35 + 1 x 0.70 + 2 x 0.475) / 6 = 2.4 / 6
        assertEquals(0.4, k.calibrationError(), 1e-12);
        assertEquals(0.001, k.roundTripCost());
        for (SkillRecord.Bucket b : k.buckets()) {
            if (b.trades() > 0) assertSame(b, k.bucketOf(b.statedConfidence()), "bucketOf agrees with the counting");
        }
        assertEquals(1, k.decisionTimes(), "7 names at one time: one IC");
    }

    @Test
    void bucketBoundariesAgreeWithModelSkill() {
        for (int b = 0; b <= 10; b++) {
            double c = b / 10.0;
            assertEquals(Math.min(b, 9), SkillMeasure.bucket(c), "confidence " + c);
            if (b > 0) assertEquals(b - 1, SkillMeasure.bucket(Math.nextDown(c)), "just below " + c);
        }
    }

    @Test
    void roundTripCostIsBothLegsOfCommissionAndSlippage() {
        LabelSettings labels = new LabelSettings(12, 1.5, 2.0, 0.0, 1.0, 4.0, 20);
        assertEquals(0.001, SkillMeasure.roundTripCost(labels), 1e-15); // 2 x (1 + 4) bps
    }

    @Test
    void arraysOfOtherLengthsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SkillMeasure.Rows(
                new Instant[2], new String[2], new double[2], new double[1], new Decision[2], new double[2], new boolean[2]));
        assertTrue(e.getMessage().startsWith("realised has 1 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SkillMeasure.measure("x", "s", ranked(1).rows(), null, -1));
        assertNull(SkillMeasure.measure("x", "s", ranked(1).rows(), null, 0).roundTripCost());
    }

    @Test
    void overlappingLabelsWidenTheNeweyWestLag() {
        // 40 daily decision times; each label ends 10.5 days later, so it overlaps the next 10 times (fewer near the end).
        Instant t0 = Instant.parse("2025-01-01T21:00:00Z");
        Instant[] times = new Instant[40], ends = new Instant[40];
        for (int i = 0; i < 40; i++) {
            times[i] = t0.plus(Duration.ofDays(i));
            ends[i] = times[i].plus(Duration.ofHours(10 * 24 + 12));
        }
        assertEquals(10, SkillMeasure.overlapAwareLag(times, ends), "the median row overlaps 10 later times");
        // Labels that end before the next decision: the usual bandwidth, floor(4 (40/100)^(2/9)) = 3.
        for (int i = 0; i < 40; i++) ends[i] = times[i].plusSeconds(3600);
        assertEquals(3, SkillMeasure.overlapAwareLag(times, ends));
    }
}
