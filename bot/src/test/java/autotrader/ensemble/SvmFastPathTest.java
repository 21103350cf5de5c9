package autotrader.ensemble;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched kernel scores give smile's probabilities to 1e-9 (the bound), for every batch size, before and after a save. */
class SvmFastPathTest {

    private static double[][] rows(int n, int p, Random rnd) {
        double[][] x = new double[n][p];
        for (double[] r : x) for (int j = 0; j < p; j++) r[j] = rnd.nextGaussian() * (1 + j % 3);
        return x;
    }

    @Test
    void fastPathEqualsSmileTo1e9() throws Exception {
        assertFastPathMatchesSmile(12, 300);
    }

    @Test
    void fastPathEqualsSmileTo1e9WithAsManyFeaturesAsTheDecisionRows() throws Exception {
        assertFastPathMatchesSmile(500, 400);
    }

    private static void assertFastPathMatchesSmile(int p, int trainingRows) throws Exception {
        Random rnd = new Random(7);
        double[][] x = rows(trainingRows, p, rnd);
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) y[i] = x[i][0] + 0.5 * x[i][1] + rnd.nextGaussian() > 1 ? 0 : x[i][2] < -1 ? 1 : 2;
        SvmModel model = SvmModel.fit(x, y, EnsembleSettings.defaults(), 11);
        assertTrue(model.usesFastPath(), "a Gaussian one-vs-rest SVM takes the batched path");

        SvmModel reread = roundTrip(model);
        assertTrue(reread.usesFastPath(), "and so does the same model read back from its file");
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 50}) {
            double[][] batch = rows(n, p, rnd);
            if (n > 2) batch[1] = x[5].clone(); // a row equal to a training row (a support vector, likely): distance 0
            for (SvmModel m : new SvmModel[] {model, reread}) {
                double[][] fast = m.probabilities(batch);
                double[][] smile = m.smileProbabilities(m.standardize(batch));
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(smile[i], fast[i], 1e-9, "row " + i + " of a batch of " + n);
                    assertEquals(1.0, Arrays.stream(fast[i]).sum(), 1e-12);
                }
            }
        }
    }

    @Test
    void sharedSupportVectorsAreScoredOnce() {
        Random rnd = new Random(3);
        double[][] x = rows(200, 6, rnd);
        int[] y = new int[x.length];
        for (int i = 0; i < y.length; i++) y[i] = rnd.nextInt(3);   // noise: most rows become support vectors of every machine
        KernelScores ks = KernelScores.of(List.of(
                smile.classification.SVM.fit(x, plusMinus(y, 0), new smile.math.kernel.GaussianKernel(2.0), 1.0, 1e-3),
                smile.classification.SVM.fit(x, plusMinus(y, 1), new smile.math.kernel.GaussianKernel(2.0), 1.0, 1e-3)));
        assertTrue(ks != null && ks.machines() == 2);
        assertTrue(ks.distinctVectors() <= x.length, "vectors are the training rows themselves: " + ks.distinctVectors());
    }

    private static int[] plusMinus(int[] y, int k) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) out[i] = y[i] == k ? 1 : -1;
        return out;
    }

    private static SvmModel roundTrip(SvmModel m) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SvmModel) in.readObject();
        }
    }
}
