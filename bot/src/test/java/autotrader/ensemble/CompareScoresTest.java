package autotrader.ensemble;

import autotrader.pipeline.DecisionInputs;
import autotrader.testing.TinyEnsemble;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagnostic score table measures each score as the card does: a planted answer comes back. */
class CompareScoresTest {

    @Test
    void aScoreThatIsTheReturnRanksPerfectlyAndItsReverseBackwards() {
        List<String> columns = DecisionInputs.columns();
        int momentum = columns.indexOf("momentum_score"), vol = columns.indexOf("5m.realized_vol_20"), dailyVol = columns.indexOf("1d.realized_vol_20");
        EnsembleDataset.Builder b = EnsembleDataset.builder(columns);
        SplittableRandom rnd = new SplittableRandom(3);
        Instant t0 = Instant.parse("2025-09-10T14:00:00Z");
        for (int t = 0; t < 30; t++) {
            Instant at = t0.plusSeconds(3600L * t);
            for (int s = 0; s < 10; s++) {
                double[] row = new double[columns.size()];
                for (int k = 0; k < row.length; k++) row[k] = rnd.nextGaussian();
                double sigma = 0.002 + 0.02 * rnd.nextDouble();
                double z = rnd.nextGaussian();
                double realised = sigma * z;
                // The momentum score knows the direction z, not the size: it ranks the return per sigma perfectly, the raw return not.
                row[momentum] = z;
                row[vol] = sigma;
                row[dailyVol] = Double.NaN;               // no daily bars: that score is left out
                b.add("S" + s, at, at.plusSeconds(1800), row, Decision.values()[s % 3], realised);
            }
        }
        EnsembleDataset data = b.build();
        try (StackedEnsemble model = TinyEnsemble.train().ensemble()) {
            List<HeldOutSkill.ScoreSkill> table = HeldOutSkill.compareScores(model, data, 0.0012, "5m");
            assertEquals(List.of("P(BUY)", "P(BUY) - P(SELL)", "scanner momentum score", "minus the momentum score", "5m realised volatility"),
                    table.stream().map(HeldOutSkill.ScoreSkill::score).toList());
            HeldOutSkill.ScoreSkill mom = table.get(2), rev = table.get(3);
            assertEquals(1.0, mom.icPerSigma(), 1e-12, "per unit of sigma the direction is the whole answer");
            assertEquals(-1.0, rev.icPerSigma(), 1e-12);
            assertTrue(mom.ic() > 0.5 && mom.ic() < 0.99, "the raw return also depends on sigma: " + mom.ic());
            assertEquals(-mom.ic(), rev.ic(), 1e-12);
            assertTrue(mom.topMinusBottom() > 0 && rev.topMinusBottom() < 0);
            assertNotNull(table.get(0).icT(), "the model's own score is measured too");
            SkillRecord card = HeldOutSkill.of(model, data, "test", 0.0012);
            assertEquals(card.ic(), table.get(0).ic(), 1e-12, "P(BUY) is measured exactly as the card's skill");
            assertEquals(card.icT(), table.get(0).icT(), 1e-12);
            assertTrue(mom.icHitRate() > 0.9 && mom.topMinusBottomPerSigma() > 1, mom.toString());
        }
    }

    @Test
    void perSigmaUsesTheLabelersOwnSigmaWhereTheRowsCarryIt() {
        List<String> columns = DecisionInputs.columns();
        int momentum = columns.indexOf("momentum_score"), vol = columns.indexOf("5m.realized_vol_20");
        EnsembleDataset.Builder b = EnsembleDataset.builder(columns);
        SplittableRandom rnd = new SplittableRandom(5);
        Instant t0 = Instant.parse("2025-09-10T14:00:00Z");
        for (int t = 0; t < 20; t++) {
            Instant at = t0.plusSeconds(3600L * t);
            for (int s = 0; s < 10; s++) {
                double[] row = new double[columns.size()];
                double sigma = 0.002 + 0.02 * rnd.nextDouble();
                double z = rnd.nextGaussian();
                row[momentum] = z;
                row[vol] = 0.001 + rnd.nextDouble();       // a volatility column unrelated to the trade's sigma
                b.add("S" + s, at, at.plusSeconds(1800), row, Decision.values()[s % 3], sigma * z, sigma);
            }
        }
        try (StackedEnsemble model = TinyEnsemble.train().ensemble()) {
            HeldOutSkill.ScoreSkill mom = HeldOutSkill.compareScores(model, b.build(), 0.0012, "5m").get(2);
            assertEquals(1.0, mom.icPerSigma(), 1e-12, "divided by the labeler's sigma, the direction z is the whole answer");
        }
    }
}
