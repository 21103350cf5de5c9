package autotrader.ensemble;

import autotrader.config.LabelKind;
import autotrader.market.Bar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import java.util.stream.IntStream;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The cross-sectional label ({@code label: relative}): a hand-computed answer, no look-ahead, the margin chosen on
 * the training rows only, the default trade label unchanged, and the BUY calibration still judging the trade.
 */
class RelativeLabelTest {

    static final Instant A = Instant.parse("2025-07-01T14:00:00Z"), B = A.plusSeconds(3600);

    /** Time A: per-sigma returns 1, -1, 1, 0 (median 0.5); time B: about 4, 1, -4 (median 1). */
    static EnsembleDataset handMade() {
        EnsembleDataset.Builder b = EnsembleDataset.builder(List.of("x"));
        double[][] rs = {{0.01, 0.01}, {-0.005, 0.005}, {0.002, 0.002}, {0.0, 0.001}};
        for (int i = 0; i < rs.length; i++) b.add("A" + i, A, A.plusSeconds(1800), new double[] {i}, Decision.HOLD, rs[i][0], rs[i][1]);
        double[][] rb = {{0.004, 0.001}, {0.002, 0.002}, {-0.004, 0.001}};
        for (int i = 0; i < rb.length; i++) b.add("B" + i, B, B.plusSeconds(1800), new double[] {i}, Decision.HOLD, rb[i][0], rb[i][1]);
        return b.build();
    }

    @Test
    void excessPerSigmaMarginAndLabelsOnAHandMadeFixture() {
        EnsembleDataset d = handMade();
        double[] e = RelativeLabel.excessPerSigma(d);
        assertArrayEquals(new double[] {0.5, -1.5, 0.5, -0.5, 3, 0, -5}, e, 1e-9);
        // |excess| sorted: 0, .5, .5, .5, 1.5, 3, 5: the third of seven rows that is HOLD ends at the third value, 0.5
        double margin = RelativeLabel.chooseMargin(e, new int[] {0, 1, 2, 3, 4, 5, 6});
        assertEquals(0.5, margin, 1e-12);
        assertEquals(List.of(Decision.HOLD, Decision.SELL, Decision.HOLD, Decision.HOLD, Decision.BUY, Decision.HOLD, Decision.SELL),
                Arrays.asList(RelativeLabel.labels(e, margin)), "a row exactly at the margin is HOLD");
        assertEquals(1.5, RelativeLabel.chooseMargin(e, new int[] {1, 4, 6}), 1e-9, "only the rows it is given: 1.5, 3, 5");
        assertEquals(0.0, RelativeLabel.chooseMargin(e, new int[] {5}), 0.0, "a row at its median: margin 0");
        assertThrows(IllegalArgumentException.class, () -> RelativeLabel.labels(e, -0.1));
        // Rounding noise at the median is a tie, not a direction: stopped trades return -1 sigma give or take 1e-16.
        double[] ties = {1e-16, -1e-16, 0.0, 2.0, -2.0, 3e-17};
        assertEquals(0.0, RelativeLabel.chooseMargin(ties, new int[] {0, 1, 2, 3, 4, 5}), 0.0);
        assertEquals(List.of(Decision.HOLD, Decision.HOLD, Decision.HOLD, Decision.BUY, Decision.SELL, Decision.HOLD),
                Arrays.asList(RelativeLabel.labels(ties, 0.0)));
        // relative_gross adds the round trip back before dividing: per sigma 1.1, -0.8, 1.5, 1 at time A (median 1.05)
        double[] g = RelativeLabel.excessPerSigma(d, 0.001);
        assertArrayEquals(new double[] {0.05, -1.85, 0.45, -0.05}, Arrays.copyOf(g, 4), 1e-9);
        // The most volatile name (A0, sigma 1 %) and the quietest winner (A2, 0.2 %) earn the same per sigma and get the same label.
        assertEquals(e[0], e[2], 1e-12);
        EnsembleDataset relabelled = d.withLabels(RelativeLabel.labels(e, margin));
        assertEquals(Decision.BUY, relabelled.label(4));
        assertEquals(Decision.HOLD, relabelled.tradeLabel(4), "the trade label is kept beside the training label");
        assertSame(d.inputs(4), relabelled.inputs(4), "inputs are untouched");
    }

    @Test
    void rowsWithoutASigmaAreRefusedWithTheRowNamed() {
        EnsembleDataset.Builder b = EnsembleDataset.builder(List.of("x"));
        b.add("ZZZ", A, A.plusSeconds(60), new double[] {1}, Decision.BUY, 0.01);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> RelativeLabel.excessPerSigma(b.build()));
        assertTrue(ex.getMessage().contains("ZZZ") && ex.getMessage().contains("sigma"), ex.getMessage());
    }

    // --- no look-ahead: labels of real simulated trades on random-walk bars ---

    static final LabelSettings TRADE = new LabelSettings(3, 1.0, 2.0, 0.0, 1, 5, 4);

    static List<Bar> walk(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Bar> out = new ArrayList<>();
        double close = 100;
        Instant t0 = Instant.parse("2025-07-01T13:30:00Z");
        for (int i = 0; i < n; i++) {
            double open = close * Math.exp(0.002 * r.nextGaussian());
            close = open * Math.exp(0.01 * r.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.003 * r.nextDouble()), low = Math.min(open, close) * (1 - 0.003 * r.nextDouble());
            Instant s = t0.plus(Duration.ofMinutes(5L * i));
            out.add(new Bar(s, s.plus(Duration.ofMinutes(5)), open, high, low, close, 1000));
        }
        return out;
    }

    /** Rows for 6 symbols at bars 10 and 11; inputs are the decision bar's close (bars up to t only). */
    static EnsembleDataset rows(List<List<Bar>> symbols) {
        TradeLabeler labeler = new TradeLabeler(TRADE);
        EnsembleDataset.Builder b = EnsembleDataset.builder(List.of("close"));
        for (int t : new int[] {10, 11}) {
            for (int s = 0; s < symbols.size(); s++) {
                List<Bar> bars = symbols.get(s);
                TradeLabeler.TradeLabel l = labeler.label(bars, t).orElseThrow();
                b.add("S" + s, bars.get(t).end(), l.labelEnd(), new double[] {bars.get(t).close()}, l.decision(), l.longTrade().netReturn(), l.sigma());
            }
        }
        return b.build();
    }

    @Test
    void theLabelAtTUsesOnlyBarsTMinusLookbackToTPlusHorizonOfTheCandidatesOfT() {
        List<List<Bar>> symbols = new ArrayList<>();
        for (int s = 0; s < 6; s++) symbols.add(walk(100 + s, 30));
        EnsembleDataset base = rows(symbols);
        double[] e = RelativeLabel.excessPerSigma(base);
        Decision[] labels = RelativeLabel.labels(e, 0.3);
        // Change every bar outside 10-4..10+3 (decision bar 10) of every symbol: rows decided at bar 10 keep their label.
        List<List<Bar>> changed = new ArrayList<>();
        for (List<Bar> bars : symbols) {
            List<Bar> c = new ArrayList<>(bars);
            for (int i = 0; i < c.size(); i++) {
                if (i >= 6 && i <= 13) continue;
                Bar b = c.get(i);
                double f = 1.5 + 0.01 * i;
                c.set(i, new Bar(b.start(), b.end(), b.open() * f, b.high() * f * 1.02, b.low() * f * 0.97, b.close() * f, 5));
            }
            changed.add(c);
        }
        EnsembleDataset other = rows(changed);
        double[] e2 = RelativeLabel.excessPerSigma(other);
        Decision[] labels2 = RelativeLabel.labels(e2, 0.3);
        int atTen = 0;
        for (int i = 0; i < base.rows(); i++) {
            if (!base.decisionTime(i).equals(symbols.get(0).get(10).end())) continue;
            atTen++;
            assertEquals(e[i], e2[i], 0.0, "row " + i);
            assertEquals(labels[i], labels2[i]);
            assertArrayEquals(base.inputs(i), other.inputs(i), 0.0, "inputs: bars up to t");
        }
        assertEquals(6, atTen);
        // Sanity: the outcome bars do matter. Move one symbol's bar 11 (inside the horizon of bar 10): its excess changes.
        List<Bar> moved = new ArrayList<>(symbols.get(0));
        Bar b11 = moved.get(11);
        moved.set(11, new Bar(b11.start(), b11.end(), b11.open(), b11.open() * 1.2, b11.open() * 0.999, b11.open() * 1.19, 1000));
        List<List<Bar>> withMove = new ArrayList<>(symbols);
        withMove.set(0, moved);
        assertNotEquals(e[0], RelativeLabel.excessPerSigma(rows(withMove))[0], 1e-9);
    }

    // --- in the trainer ---

    /**
     * 80 decision times x 8 names. Each long trade's net return per sigma is 3 + z (z from input "z" plus noise), so the
     * relative label is learnable from z; {@code tradeWins} says what the trade label is (BUY: the trade beat min_edge).
     */
    static EnsembleDataset panel(boolean tradeWins) {
        EnsembleDataset.Builder b = EnsembleDataset.builder(List.of("z", "noise", "sigma"));
        SplittableRandom r = new SplittableRandom(7);
        Instant t0 = Instant.parse("2025-06-02T14:00:00Z");
        for (int t = 0; t < 80; t++) {
            Instant at = t0.plusSeconds(3600L * t);
            for (int s = 0; s < 8; s++) {
                double z = Math.max(-2.5, Math.min(2.5, r.nextGaussian()));
                double sigma = 0.005 + 0.01 * r.nextDouble();
                double perSigma = 3 + z + 0.3 * r.nextGaussian();
                double realised = tradeWins ? sigma * perSigma : -sigma * perSigma;   // winners clear 0.2 %; losers lose at least 0.1 %
                b.add("S" + s, at, at.plusSeconds(1800), new double[] {z, r.nextGaussian(), sigma},
                        tradeWins ? Decision.BUY : Decision.HOLD, realised, sigma);
            }
        }
        return b.build();
    }

    static LabelSettings relative(double margin) {
        return new LabelSettings(10, 1, 2, 0.002, 1, 5, 20, LabelKind.RELATIVE, margin);
    }

    static EnsembleSettings small() {
        return EnsembleSettings.defaults().small().withFolds(3, 1);
    }

    @Test
    void theTrainerLearnsTheRelativeLabelWithAMarginChosenOnTheTrainingRowsOnly() {
        EnsembleDataset data = panel(true);
        EnsembleTrainer.Result r = EnsembleTrainer.train(data, small(), relative(Double.NaN), s -> { });
        ModelCard card = r.card();
        // The training rows are the first 64 times (holdout 20 %), all labels end before the held-out start.
        EnsembleDataset sorted = data.sortedByTime();
        double[] e = RelativeLabel.excessPerSigma(sorted);
        int[] trainRows = IntStream.range(0, 64 * 8).toArray();
        double margin = RelativeLabel.chooseMargin(e, trainRows);
        assertEquals(trainRows.length, card.train().rows());
        String note = card.notes().get(0);
        assertTrue(note.startsWith("labels: relative") && note.contains(String.format(Locale.ROOT, "%.4f", margin))
                && note.contains("chosen on the 512 training rows"), note);
        Decision[] expected = RelativeLabel.labels(e, margin);
        int[] trainCounts = new int[3], holdCounts = new int[3];
        for (int i = 0; i < expected.length; i++) (i < 512 ? trainCounts : holdCounts)[expected[i].index()]++;
        assertEquals(trainCounts[Decision.BUY.index()], card.trainClassBalance().get("BUY"));
        assertEquals(trainCounts[Decision.SELL.index()], card.trainClassBalance().get("SELL"));
        assertEquals(trainCounts[Decision.HOLD.index()], card.trainClassBalance().get("HOLD"));
        assertTrue(trainCounts[Decision.HOLD.index()] >= 512 / 3 && trainCounts[Decision.HOLD.index()] <= 512 / 3 + 2,
                "a third of the training rows are HOLD: " + Arrays.toString(trainCounts));
        assertEquals(holdCounts[Decision.BUY.index()], card.holdoutClassBalance().get("BUY"), "held-out rows use the training margin");
        // A margin from the configuration is used as given.
        EnsembleTrainer.Result fixed = EnsembleTrainer.train(data, small(), relative(1.0), s -> { });
        long within = Arrays.stream(e, 0, 512).filter(v -> Math.abs(v) <= 1.0).count();
        assertEquals((int) within, fixed.card().trainClassBalance().get("HOLD"), "margin 1 sigma: HOLD within one sigma of the median");
        assertTrue(fixed.card().notes().get(0).contains("from the configuration"));
        assertTrue(card.notes().stream().anyMatch(n -> n.startsWith("BUY confidence calibrated") && n.contains("against the trade label")),
                card.notes().toString());
        LabelSettings gross = new LabelSettings(10, 1, 2, 0.002, 1, 5, 20, LabelKind.RELATIVE_GROSS, Double.NaN);
        EnsembleTrainer.Result g = EnsembleTrainer.train(data, small(), gross, s -> { });
        double grossMargin = RelativeLabel.chooseMargin(RelativeLabel.excessPerSigma(sorted, 0.0012), trainRows);
        assertTrue(g.card().notes().get(0).startsWith("labels: relative_gross: long trade gross (before costs)")
                && g.card().notes().get(0).contains(String.format(Locale.ROOT, "%.4f", grossMargin)), g.card().notes().get(0));
        g.ensemble().close();
        // The model ranks direction: z is the signal, so held-out P(BUY) ranks the per-sigma returns well.
        assertTrue(card.skill().ic() > 0.3, "IC " + card.skill().ic());
        r.ensemble().close();
        fixed.ensemble().close();
    }

    @Test
    void buyConfidenceStaysTheProbabilityThatTheTradeWinsNotThatItBeatsTheMedian() {
        // Every trade wins (trade label BUY everywhere), although only a third of the rows are relative BUYs: the calibrated
        // confidence of a BUY must say "wins", i.e. the calibrator's top value 1 - 1/(n + 2), at every BUY.
        try (StackedEnsemble all = EnsembleTrainer.train(panel(true), small(), relative(Double.NaN), s -> { }).ensemble()) {
            int n = all.calibrator().rows();
            assertEquals(512, n);
            int buys = 0;
            for (EnsemblePrediction p : all.predict(panel(true))) {
                if (p.decision() != Decision.BUY) continue;
                buys++;
                assertEquals(1 - 1.0 / (n + 2), p.confidence(), 1e-12);
            }
            assertTrue(buys > 50, buys + " BUY calls");
        }
        // No trade wins: every BUY's confidence is the floor 1/(n + 2), whatever the relative label says.
        EnsembleTrainer.Result none = EnsembleTrainer.train(panel(false), small(), relative(Double.NaN), s -> { });
        try (StackedEnsemble m = none.ensemble()) {
            int n = m.calibrator().rows();
            long buys = m.predict(panel(false)).stream().filter(p -> p.decision() == Decision.BUY)
                    .peek(p -> assertEquals(1.0 / (n + 2), p.confidence(), 1e-12)).count();
            assertTrue(buys > 50, buys + " BUY calls");
            assertEquals(0.0, none.card().skill().buyWinRate(), 0.0, "the skill's 'won' is the trade too");
        }
    }

    @Test
    void theDefaultTradeLabelTrainsExactlyAsWithoutLabelSettings() {
        EnsembleDataset data = withTradeLabelsFromZ(panel(true));
        LabelSettings trade = new LabelSettings(10, 1, 2, 0.002, 1, 5, 20);
        assertEquals(LabelKind.TRADE, trade.label());
        EnsembleTrainer.Result a = EnsembleTrainer.train(data, small(), trade, s -> { });
        EnsembleTrainer.Result b = EnsembleTrainer.train(data, small(), null, s -> { });
        try (StackedEnsemble ea = a.ensemble(); StackedEnsemble eb = b.ensemble()) {
            double[][] pa = ea.probabilities(data.inputMatrix()), pb = eb.probabilities(data.inputMatrix());
            for (int i = 0; i < pa.length; i++) {
                assertArrayEquals(pb[i], pa[i], 0.0);
                double buy = pa[i][Decision.BUY.index()];
                assertEquals(eb.calibrator().calibrate(buy), ea.calibrator().calibrate(buy), 0.0);
            }
        }
        assertEquals(b.card().trainClassBalance(), a.card().trainClassBalance());
        assertTrue(a.card().notes().stream().noneMatch(n -> n.startsWith("labels: relative")));
    }

    /** The same rows built again with trade labels that vary with z (the builder's label is the trade label). */
    private static EnsembleDataset withTradeLabelsFromZ(EnsembleDataset d) {
        EnsembleDataset.Builder b = EnsembleDataset.builder(d.columns());
        for (int i = 0; i < d.rows(); i++) {
            double z = d.inputs(i)[0];
            Decision y = z > 0.5 ? Decision.BUY : z < -0.5 ? Decision.SELL : Decision.HOLD;
            b.add(d.symbol(i), d.decisionTime(i), d.labelEnd(i), d.inputs(i), y, d.realisedReturn(i), d.sigma(i));
        }
        return b.build();
    }
}
