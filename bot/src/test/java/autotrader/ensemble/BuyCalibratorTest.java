package autotrader.ensemble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BuyCalibratorTest {

    /** An overconfident score: stated s, but the trade wins with probability 0.1 + 0.5 s (planted). */
    static BuyCalibrator planted(int n) {
        Random random = new Random(17);
        double[] s = new double[n];
        boolean[] won = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = random.nextDouble();
            won[i] = random.nextDouble() < 0.1 + 0.5 * s[i];
        }
        return BuyCalibrator.fit(s, won);
    }

    @Test
    void calibratedOutputRecoversThePlantedWinRate() {
        BuyCalibrator c = planted(20_000);
        for (double s : new double[] {0.15, 0.35, 0.55, 0.75, 0.9}) {
            assertEquals(0.1 + 0.5 * s, c.calibrate(s), 0.05, "stated " + s);
        }
        assertTrue(c.calibrate(0.9) < 0.9 - 0.25, "an overconfident 0.9 is pulled down to about 0.55");
        assertEquals(20_000, c.rows());
    }

    @Test
    void calibrationIsMonotoneAndKeepsNaN() {
        BuyCalibrator c = planted(5_000);
        double previous = -1;
        for (int k = 0; k <= 100; k++) {
            double v = c.calibrate(k / 100.0);
            assertTrue(v >= previous, "non-decreasing at " + k / 100.0);
            assertTrue(v >= 0 && v <= 1);
            previous = v;
        }
        assertTrue(Double.isNaN(c.calibrate(Double.NaN)));
    }

    @Test
    void neverStatesCertainty() {
        // every loss below 0.5, every win above: isotonic regression alone would say 0 and 1
        double[] s = {0.1, 0.2, 0.3, 0.6, 0.7, 0.8};
        BuyCalibrator c = BuyCalibrator.fit(s, new boolean[] {false, false, false, true, true, true});
        assertEquals(1.0 / 8, c.calibrate(0.15), 1e-12);
        assertEquals(1 - 1.0 / 8, c.calibrate(0.75), 1e-12);
    }

    @Test
    void saveAndLoadGiveTheSameMapping(@TempDir Path dir) throws Exception {
        BuyCalibrator c = planted(2_000);
        c.save(dir);
        BuyCalibrator loaded = BuyCalibrator.load(dir).orElseThrow();
        for (int k = 0; k <= 50; k++) assertEquals(c.calibrate(k / 50.0), loaded.calibrate(k / 50.0), 0.0);
        assertTrue(BuyCalibrator.load(dir.resolve("none")).isEmpty(), "a folder without calibrator.ser has none");
    }

    @Test
    void badInputIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuyCalibrator.fit(new double[] {0.2, Double.NaN}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("buyProbability[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BuyCalibrator.fit(new double[] {0.2}, new boolean[] {true, false}));
        assertTrue(e.getMessage().startsWith("won has 2 rows"), e.getMessage());
    }
}
