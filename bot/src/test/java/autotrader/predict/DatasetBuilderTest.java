package autotrader.predict;

import autotrader.features.FeatureEngine;
import autotrader.features.SyntheticBars;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DatasetBuilderTest {

    private static final int N = 8;
    private final DatasetBuilder builder = new DatasetBuilder(MarketCalendar.nyse());

    private SequenceDataset build(List<Bar> bars, int maxSamples) {
        Map<String, List<Bar>> m = new LinkedHashMap<>();
        m.put("AAA", bars);
        return builder.build(m, Timeframe.D1, N, maxSamples, s -> { });
    }

    @Test
    void aSampleEndsAtItsBarAndItsTargetIsTheNextBar() {
        List<Bar> bars = PredictTestData.ar1Daily(1, 140, 0.3, 0.01);
        SequenceDataset ds = build(bars, 10_000);
        assertFalse(ds.samples().isEmpty());
        FeatureEngine engine = new FeatureEngine("AAA", Timeframe.D1);
        for (SequenceDataset.Sample s : ds.samples()) {
            int t = indexOfEnd(bars, s);
            assertEquals(bars.get(t + 1).end(), s.targetEnd());
            assertEquals(bars.get(t - N + 1).start(), s.inputStart());
            assertEquals(Math.log(bars.get(t + 1).close() / bars.get(t).close()), s.target(), 1e-15);
            double[][] seq = ds.sequence(s);
            assertEquals(N, seq.length);
            // the last row is exactly the live row of bar t; the first is bar t-N+1
            assertArrayEquals(engine.latest(bars.subList(0, t + 1), null), seq[N - 1]);
            assertArrayEquals(engine.latest(bars.subList(0, t - N + 2), null), seq[0]);
        }
    }

    @Test
    void changingBarsAfterTheTargetChangesNothingForASample() {
        List<Bar> bars = PredictTestData.ar1Daily(2, 140, 0.3, 0.01);
        SequenceDataset before = build(bars, 10_000);
        SequenceDataset.Sample s = before.samples().get(before.size() / 2);
        int t = indexOfEnd(bars, s);
        List<Bar> altered = new ArrayList<>(bars.subList(0, t + 2));
        for (Bar b : bars.subList(t + 2, bars.size())) {
            altered.add(new Bar(b.start(), b.end(), b.open() * 3, b.high() * 3.5, b.low() * 0.5, b.close() * 2, b.volume() * 9));
        }
        SequenceDataset after = build(altered, 10_000);
        SequenceDataset.Sample same = after.samples().stream().filter(x -> x.end().equals(s.end())).findFirst().orElseThrow();
        assertEquals(s.target(), same.target());
        double[][] a = before.sequence(s), b = after.sequence(same);
        for (int k = 0; k < N; k++) assertArrayEquals(a[k], b[k]);
    }

    @Test
    void theSplitPutsEveryTrainingTargetBeforeEveryValidationInput() {
        List<Bar> bars = PredictTestData.ar1Daily(3, 400, 0.3, 0.01);
        Map<String, List<Bar>> m = new LinkedHashMap<>();
        m.put("AAA", bars);
        m.put("BBB", PredictTestData.ar1Daily(4, 380, 0.3, 0.01));
        SequenceDataset ds = builder.build(m, Timeframe.D1, N, 10_000, s -> { });
        SequenceDataset.Split split = ds.split(0.8);
        assertFalse(split.train().isEmpty());
        assertFalse(split.validation().isEmpty());
        var lastTarget = split.train().stream().map(SequenceDataset.Sample::targetEnd).max(Comparable::compareTo).orElseThrow();
        var firstInput = split.validation().stream().map(SequenceDataset.Sample::inputStart).min(Comparable::compareTo).orElseThrow();
        assertTrue(lastTarget.isBefore(firstInput) || lastTarget.equals(firstInput), lastTarget + " vs " + firstInput);
        assertEquals(ds.size(), split.train().size() + split.validation().size() + split.purged());
        assertTrue(split.purged() > 0 && split.purged() < ds.size() / 5, "purged " + split.purged());
        double trainShare = split.train().size() / (double) (split.train().size() + split.validation().size());
        assertEquals(0.8, trainShare, 0.02);
    }

    @Test
    void sequencesNeverCrossAGapInTheData() {
        List<Bar> bars = new ArrayList<>(SyntheticBars.randomWalk(5, 900, Timeframe.M5, 40));
        Bar removed = bars.remove(400); // a missing 5-minute bar inside a session
        Map<String, List<Bar>> m = Map.of("AAA", bars);
        SequenceDataset ds = builder.build(m, Timeframe.M5, N, 100_000, s -> { });
        assertFalse(ds.samples().isEmpty());
        for (SequenceDataset.Sample s : ds.samples()) {
            boolean crosses = !s.inputStart().isAfter(removed.start()) && !s.targetEnd().isBefore(removed.end());
            assertFalse(crosses, "sample ending " + s.end() + " spans the missing bar " + removed.start());
        }
        // the overnight step from 16:00 to the next 09:30 is not a gap
        assertTrue(ds.samples().stream().anyMatch(s -> s.end().equals(s.targetEnd()) == false
                && Duration.between(s.end(), s.targetEnd()).toHours() > 10));
    }

    @Test
    void samplingDownKeepsWholeBlocksSpreadOverTime() {
        List<Bar> bars = PredictTestData.ar1Daily(6, 1200, 0.3, 0.01);
        SequenceDataset all = build(bars, 100_000);
        SequenceDataset few = build(bars, 200);
        assertEquals(all.size(), all.candidates());
        assertEquals(all.size(), few.candidates());
        assertTrue(few.size() <= 200 + DatasetBuilder.BLOCK && few.size() >= 200 - DatasetBuilder.BLOCK, "kept " + few.size());
        // spread: samples both in the first and in the last quarter of the history
        var first = all.samples().get(all.size() / 4).end();
        var last = all.samples().get(3 * all.size() / 4).end();
        assertTrue(few.samples().stream().anyMatch(s -> s.end().isBefore(first)));
        assertTrue(few.samples().stream().anyMatch(s -> s.end().isAfter(last)));
    }

    private static int indexOfEnd(List<Bar> bars, SequenceDataset.Sample s) {
        for (int i = 0; i < bars.size(); i++) if (bars.get(i).end().equals(s.end())) return i;
        throw new AssertionError("no bar ends at " + s.end());
    }
}
