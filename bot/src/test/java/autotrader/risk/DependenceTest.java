package autotrader.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DependenceTest {

    /** n pairs from a bivariate normal (nu = infinity) or bivariate t with correlation rho, seeded. */
    static double[][] bivariate(int n, double rho, double nu, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            double z1 = rng.nextGaussian(), z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
            double scale = Double.isInfinite(nu) ? 1 : 1 / Math.sqrt(2 * GarchSimulator.gamma(rng, nu / 2) / nu);
            x[i] = z1 * scale;
            y[i] = z2 * scale;
        }
        return new double[][] {x, y};
    }

    @Test
    void pseudoObservationsUseAverageRanks() {
        assertArrayEquals(new double[] {3 / 6.0, 1 / 6.0, 3 / 6.0, 5 / 6.0, 3 / 6.0},
                Dependence.pseudoObservations(new double[] {2, 1, 2, 9, 2}), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.75, 0.5}, Dependence.pseudoObservations(new double[] {-1, 3, 0.5}), 1e-15);
    }

    @Test
    void gaussianDataGiveKnownTauRhoAndNoTailDependence() {
        double[][] d = bivariate(2000, 0.6, Double.POSITIVE_INFINITY, 1);
        double tau = Dependence.kendallTau(d[0], d[1]);
        assertEquals(2 / Math.PI * Math.asin(0.6), tau, 0.03); // 0.4097
        assertEquals(0.6, GaussianCopula.fromKendallTau(tau).rho(), 0.03);
        assertEquals(0.0, GaussianCopula.fromKendallTau(tau).lowerTailDependence());
        assertEquals(0.6, Dependence.pearson(d[0], d[1]), 0.04);
        StudentTCopula t = StudentTCopula.fit(d[0], d[1]);
        assertTrue(t.nu() > 15, "nu " + t.nu());
    }

    @Test
    void tCopulaDataGiveSmallNuAndTailDependence() {
        double[][] d = bivariate(2000, 0.5, 4, 2);
        StudentTCopula t = StudentTCopula.fit(d[0], d[1]);
        assertEquals(0.5, t.rho(), 0.04);
        assertTrue(t.nu() > 2.5 && t.nu() < 7, "nu " + t.nu());
        assertTrue(t.lowerTailDependence() > 0.1, "lambda_L " + t.lowerTailDependence());
        // the same call on small samples (the shape of the live features) still finds heavy tails
        double[][] small = bivariate(400, 0.5, 4, 3);
        assertTrue(StudentTCopula.fit(small[0], small[1]).nu() < 12);
    }

    @Test
    void tailDependenceFormula() {
        // closed form at rho = 0.5, nu = 4: 2 t_5(-sqrt(5 * 0.5 / 1.5)) = 0.2504 (McNeil, Frey, Embrechts table 5.2: 0.25)
        assertEquals(0.25, StudentTCopula.lowerTailDependence(0.5, 4), 0.005);
        assertTrue(StudentTCopula.lowerTailDependence(0.5, 100) < 1e-3);
    }

    @Test
    void kendallAgreesWithCommonsMathIncludingTies() {
        Random rng = new Random(5);
        for (int n : new int[] {2, 3, 17, 200, 1001}) {
            double[] x = new double[n], y = new double[n], z = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.round(rng.nextGaussian() * 3);          // many ties
                y[i] = Math.round((0.5 * x[i] + rng.nextGaussian()) * 2);
                z[i] = rng.nextGaussian() - 0.3 * x[i];             // no ties
            }
            var reference = new org.apache.commons.math3.stat.correlation.KendallsCorrelation();
            assertEquals(reference.correlation(x, y), Dependence.kendallTau(x, y), 1e-12, "ties, n=" + n);
            assertEquals(reference.correlation(x, z), Dependence.kendallTau(x, z), 1e-12, "n=" + n);
        }
        assertTrue(Double.isNaN(Dependence.kendallTau(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }

    @Test
    void betaAndCorrelation() {
        Random rng = new Random(4);
        double[] market = new double[500], stock = new double[500];
        for (int i = 0; i < 500; i++) {
            market[i] = 0.01 * rng.nextGaussian();
            stock[i] = 1.5 * market[i] + 0.005 * rng.nextGaussian();
        }
        assertEquals(1.5, Dependence.olsBeta(stock, market), 0.05);
        Dependence.Summary s = Dependence.summarise(stock, market);
        assertEquals(s.beta(), Dependence.olsBeta(stock, market));
        assertTrue(s.pearson() > 0.9);
        assertTrue(Double.isNaN(Dependence.summarise(stock, new double[500]).pearson()), "no variance: NaN, not 0");
    }
}
