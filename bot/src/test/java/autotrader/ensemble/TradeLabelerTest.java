package autotrader.ensemble;

import autotrader.ensemble.TradeLabeler.ExitReason;
import autotrader.ensemble.TradeLabeler.TradeLabel;
import autotrader.features.FeatureEngine;
import autotrader.features.SyntheticBars;
import autotrader.market.Bar;
import autotrader.market.Timeframe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hand-made bars. History bars 0..2 close at 100, 101, 100 (two log returns, volLookback 2); the decision
 * is at bar 2's close, the entry bar 3's open (100). Sigma is the sample sd of the two returns.
 */
class TradeLabelerTest {

    static final Instant T0 = Instant.parse("2024-03-04T14:30:00Z");
    static final double SIGMA = sampleSd(Math.log(101 / 100.0), Math.log(100 / 101.0));
    static final double LONG_STOP = 100 * (1 - SIGMA), LONG_TARGET = 100 * (1 + 2 * SIGMA);
    static final double SHORT_STOP = 100 * (1 + SIGMA), SHORT_TARGET = 100 * (1 - 2 * SIGMA);

    static LabelSettings settings(double minEdge, double commissionBps, double slippageBps) {
        return new LabelSettings(3, 1.0, 2.0, minEdge, commissionBps, slippageBps, 2);
    }

    static Bar bar(int i, double o, double h, double l, double c) {
        Instant start = T0.plus(Duration.ofHours(i));
        return new Bar(start, start.plus(Duration.ofHours(1)), o, h, l, c, 1000);
    }

    /** History plus the given future bars (3, 4, 5, ...). */
    static List<Bar> bars(double[]... future) {
        List<Bar> b = new ArrayList<>(List.of(bar(0, 100, 100, 100, 100), bar(1, 100, 101, 100, 101), bar(2, 101, 101, 100, 100)));
        for (double[] f : future) b.add(bar(b.size(), f[0], f[1], f[2], f[3]));
        return b;
    }

    static TradeLabel label(LabelSettings s, List<Bar> bars) {
        return new TradeLabeler(s).label(bars, 2).orElseThrow();
    }

    @Test
    void sigmaIsTheSampleSdOfReturnsUpToTheDecisionBar() {
        TradeLabel l = label(settings(0, 0, 0), bars(new double[] {100, 100.1, 99.9, 100}, new double[] {100, 100.1, 99.9, 100},
                new double[] {100, 100.1, 99.9, 100}));
        assertEquals(SIGMA, l.sigma(), 1e-15);
        assertEquals(100, l.longTrade().entry());
    }

    @Test
    void stopHitFirst() {
        // bar 3 takes out the long stop; bar 4 reaches the short target
        TradeLabel l = label(settings(0, 0, 0), bars(new double[] {100, 100.5, 98.0, 98.5}, new double[] {98.5, 99, 97.0, 97.5},
                new double[] {97.5, 98, 97, 97.8}));
        assertEquals(ExitReason.STOP, l.longTrade().reason());
        assertEquals(3, l.longTrade().exitBar());
        assertEquals(LONG_STOP, l.longTrade().exit(), 1e-12);
        assertEquals(-SIGMA, l.longTrade().netReturn(), 1e-12);
        assertEquals(ExitReason.TARGET, l.shortTrade().reason());
        assertEquals(4, l.shortTrade().exitBar());
        assertEquals(2 * SIGMA, l.shortTrade().netReturn(), 1e-12);
        assertEquals(Decision.SELL, l.decision());
        assertEquals(T0.plus(Duration.ofHours(5)), l.labelEnd(), "end of bar 4, the later exit");
    }

    @Test
    void targetHitFirst() {
        TradeLabel l = label(settings(0, 0, 0), bars(new double[] {100, 103, 99.5, 102.9}, new double[] {102.9, 103, 102, 102.5},
                new double[] {102.5, 103, 102, 102.5}));
        assertEquals(ExitReason.TARGET, l.longTrade().reason());
        assertEquals(LONG_TARGET, l.longTrade().exit(), 1e-12);
        assertEquals(2 * SIGMA, l.longTrade().netReturn(), 1e-12);
        assertEquals(ExitReason.STOP, l.shortTrade().reason());
        assertEquals(SHORT_STOP, l.shortTrade().exit(), 1e-12);
        assertEquals(Decision.BUY, l.decision());
    }

    @Test
    void barTouchingStopAndTargetCountsAsStop() {
        TradeLabel l = label(settings(0, 0, 0), bars(new double[] {100, 103, 98, 100}, new double[] {100, 100.1, 99.9, 100},
                new double[] {100, 100.1, 99.9, 100}));
        assertEquals(ExitReason.STOP, l.longTrade().reason());
        assertEquals(LONG_STOP, l.longTrade().exit(), 1e-12);
        assertEquals(ExitReason.STOP, l.shortTrade().reason());
        assertEquals(Decision.HOLD, l.decision());
        assertEquals(T0.plus(Duration.ofHours(4)), l.labelEnd(), "both trades end in bar 3");
    }

    @Test
    void horizonExitAtTheLastBarsClose() {
        double[] quiet = {100, 100.5, 99.5, 100.1};
        TradeLabel l = label(settings(0.001, 0, 0), bars(quiet, quiet, new double[] {100.1, 100.5, 99.5, 100.2}, quiet));
        assertEquals(ExitReason.HORIZON, l.longTrade().reason());
        assertEquals(5, l.longTrade().exitBar(), "t + H = 2 + 3");
        assertEquals(100.2, l.longTrade().exit());
        assertEquals(0.002, l.longTrade().grossReturn(), 1e-12);
        assertEquals(-0.002, l.shortTrade().grossReturn(), 1e-12);
        assertEquals(Decision.BUY, l.decision(), "0.2% beats min_edge 0.1%");
        assertEquals(T0.plus(Duration.ofHours(6)), l.labelEnd());
    }

    @Test
    void costsTakeBothLegsOffTheReturn() {
        double[] quiet = {100, 100.5, 99.5, 100.1};
        List<Bar> b = bars(quiet, quiet, new double[] {100.1, 100.5, 99.5, 100.2});
        TradeLabel free = label(settings(0.0015, 0, 0), b);
        TradeLabel costly = label(settings(0.0015, 1, 4), b); // 5 bps a leg = 0.1% round trip
        assertEquals(free.longTrade().netReturn() - 0.001, costly.longTrade().netReturn(), 1e-12);
        assertEquals(free.shortTrade().netReturn() - 0.001, costly.shortTrade().netReturn(), 1e-12);
        assertEquals(free.longTrade().grossReturn(), costly.longTrade().grossReturn());
        assertEquals(Decision.BUY, free.decision(), "0.2% beats min_edge 0.15%");
        assertEquals(Decision.HOLD, costly.decision(), "0.2% - 0.1% costs no longer does");
    }

    @Test
    void gapThroughTheStopFillsAtTheOpen() {
        TradeLabel l = label(settings(0, 0, 0), bars(new double[] {100, 100.5, 99.5, 100}, new double[] {97, 97.5, 96.5, 97},
                new double[] {97, 97.5, 96.5, 97}));
        assertEquals(ExitReason.STOP, l.longTrade().reason());
        assertEquals(97, l.longTrade().exit(), "worse than the stop: the market opened below it");
        assertEquals(ExitReason.TARGET, l.shortTrade().reason());
        assertEquals(97, l.shortTrade().exit(), "gap through the short's target fills at the open too");
    }

    @Test
    void tooFewBarsGiveNoLabel() {
        TradeLabeler labeler = new TradeLabeler(settings(0, 0, 0));
        List<Bar> b = bars(new double[] {100, 100.5, 99.5, 100}, new double[] {100, 100.5, 99.5, 100});
        assertTrue(labeler.label(b, 2).isEmpty(), "needs bars 3, 4 and 5");
        assertTrue(labeler.label(b, 1).isEmpty(), "needs 2 returns up to t");
    }

    @Test
    void labelUsesOnlyBarsFromTMinusLookbackToTPlusHorizon() {
        List<Bar> walk = SyntheticBars.randomWalk(3, 200, Timeframe.H1, 50);
        LabelSettings s = new LabelSettings(5, 1.0, 1.5, 0.0005, 1, 2, 20);
        TradeLabeler labeler = new TradeLabeler(s);
        int t = 100;
        TradeLabel before = labeler.label(walk, t).orElseThrow();
        List<Bar> changed = new ArrayList<>(walk);
        for (int i = 0; i < changed.size(); i++) {
            if (i < t - 20 || i > t + 5) changed.set(i, scaled(walk.get(i), i % 2 == 0 ? 1.3 : 0.7));
        }
        assertEquals(before, labeler.label(changed, t).orElseThrow(), "bars outside t-20..t+5 do not matter");
        List<Bar> future = new ArrayList<>(walk);
        future.set(t + 1, scaled(walk.get(t + 1), 1.5));
        assertNotEquals(before, labeler.label(future, t).orElseThrow(), "bar t+1 does (sanity check of the test)");
    }

    @Test
    void datasetInputsUseOnlyBarsUpToTheDecisionTime() {
        List<Bar> walk = SyntheticBars.randomWalk(5, 220, Timeframe.H1, 40);
        int cut = 150;
        List<Bar> changed = new ArrayList<>(walk);
        for (int i = cut + 1; i < changed.size(); i++) changed.set(i, scaled(walk.get(i), 1.8));
        TradeLabeler labeler = new TradeLabeler(new LabelSettings(5, 1.0, 2.0, 0.001, 1, 5, 20));
        FeatureEngine engine = new FeatureEngine("SYM", Timeframe.H1);
        EnsembleDataset.Builder a = EnsembleDataset.builder(FeatureEngine.featureNames());
        EnsembleDataset.Builder b = EnsembleDataset.builder(FeatureEngine.featureNames());
        TrainingRows.append(a, "SYM", walk, engine.compute(walk, null), labeler);
        TrainingRows.append(b, "SYM", changed, engine.compute(changed, null), labeler);
        EnsembleDataset da = a.build(), db = b.build();
        assertEquals(da.rows(), db.rows());
        int compared = 0;
        for (int r = 0; r < da.rows(); r++) {
            if (da.decisionTime(r).isAfter(walk.get(cut).end())) {
                continue;
            }
            assertArrayEquals(da.inputs(r), db.inputs(r), 0.0, "row at " + da.decisionTime(r));
            compared++;
            boolean labelSeesTheChange = r + labeler.firstLabelableBar() + 5 > cut;
            if (!labelSeesTheChange) assertEquals(da.label(r), db.label(r));
            assertTrue(!da.labelEnd(r).isAfter(walk.get(r + labeler.firstLabelableBar() + 5).end()), "label ends by bar t+H");
        }
        assertEquals(cut - labeler.firstLabelableBar() + 1, compared);
    }

    static Bar scaled(Bar b, double f) {
        return new Bar(b.start(), b.end(), b.open() * f, b.high() * f, b.low() * f, b.close() * f, b.volume());
    }

    static double sampleSd(double... r) {
        double mean = 0;
        for (double v : r) mean += v / r.length;
        double ss = 0;
        for (double v : r) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / (r.length - 1));
    }
}
