package autotrader.ensemble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-computed values. Classes: 0 SELL, 1 HOLD, 2 BUY. */
class ScoresTest {

    static final double[][] P = {
            {0.1, 0.7, 0.2},   // y HOLD, right, confidence 0.7
            {0.6, 0.3, 0.1},   // y HOLD, wrong (SELL), confidence 0.6
            {0.05, 0.15, 0.8}, // y BUY, right, confidence 0.8
            {0.2, 0.2, 0.6},   // y SELL, wrong (BUY), confidence 0.6
    };
    static final int[] Y = {1, 1, 2, 0};

    @Test
    void brierScoreByHand() {
        // row 1: 0.01 + 0.09 + 0.04 = 0.14; row 2: 0.36 + 0.49 + 0.01 = 0.86;
        // row 3: 0.0025 + 0.0225 + 0.04 = 0.065; row 4: 0.64 + 0.04 + 0.36 = 1.04
        assertEquals((0.14 + 0.86 + 0.065 + 1.04) / 4, Scores.brier(P, Y), 1e-12);
    }

    @Test
    void accuracyAndLogLossByHand() {
        assertEquals(0.5, Scores.accuracy(P, Y));
        assertEquals(-(Math.log(0.7) + Math.log(0.3) + Math.log(0.8) + Math.log(0.2)) / 4, Scores.logLoss(P, Y), 1e-12);
    }

    @Test
    void reliabilityTableByHand() {
        ReliabilityTable table = ReliabilityTable.of(P, Y, 10);
        assertEquals(10, table.bins().size());
        ReliabilityTable.Bin b6 = table.bins().get(6); // [0.6, 0.7): the two 0.6 rows, both wrong
        assertEquals(2, b6.count());
        assertEquals(0.6, b6.meanConfidence(), 1e-12);
        assertEquals(0.0, b6.accuracy());
        ReliabilityTable.Bin b7 = table.bins().get(7); // [0.7, 0.8): 0.7, right
        assertEquals(1, b7.count());
        assertEquals(1.0, b7.accuracy());
        ReliabilityTable.Bin b8 = table.bins().get(8); // [0.8, 0.9): 0.8, right
        assertEquals(1, b8.count());
        assertEquals(0.8, b8.meanConfidence(), 1e-12);
        assertEquals(0, table.bins().get(0).count());
        assertTrue(Double.isNaN(table.bins().get(0).accuracy()));
        // ECE = 2/4 |0 - 0.6| + 1/4 |1 - 0.7| + 1/4 |1 - 0.8| = 0.3 + 0.075 + 0.05
        assertEquals(0.425, table.expectedCalibrationError(), 1e-12);
        assertEquals(1.0, ReliabilityTable.of(new double[][] {{0, 0, 1}}, new int[] {2}, 10).bins().get(9).accuracy(),
                "confidence 1 falls in the last bin");
    }

    @Test
    void aucByHandWithTies() {
        // class 2 (BUY) scores: 0.2 (neg), 0.1 (neg), 0.8 (pos), 0.6 (neg) -> positive outranks all 3 negatives
        assertEquals(1.0, Scores.auc(P, Y, 2), 1e-12);
        // class 1 (HOLD): positives 0.7, 0.3; negatives 0.15, 0.2 -> 4 of 4 pairs
        assertEquals(1.0, Scores.auc(P, Y, 1), 1e-12);
        // class 0 (SELL): positive 0.2; negatives 0.1, 0.6, 0.05 -> beats 2 of 3
        assertEquals(2.0 / 3, Scores.auc(P, Y, 0), 1e-12);
        assertEquals((1 + 1 + 2.0 / 3) / 3, Scores.aucMacro(P, Y), 1e-12);
        double[][] tied = {{0, 0.5, 0.5}, {0, 0.5, 0.5}};
        assertEquals(0.5, Scores.auc(tied, new int[] {2, 1}, 2), 1e-12, "a tie counts half");
        assertTrue(Double.isNaN(Scores.auc(P, new int[] {1, 1, 1, 1}, 1)), "one class only: undefined");
    }
}
