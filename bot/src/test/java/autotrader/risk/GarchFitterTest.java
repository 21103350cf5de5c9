package autotrader.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GarchFitterTest {

    static Path dmbp() {
        Path file = Path.of(System.getProperty("autotrader.shared", "../shared"), "data", "garch", "dmbp.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data not present: skipping GARCH benchmark");
        return file;
    }

    static void assertSignificant(double expected, double actual, int digits, String name) {
        double tolerance = 0.5 * Math.pow(10, Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
        assertEquals(expected, actual, tolerance,
                "Fiorentini-Calzolari-Panattoni benchmark, " + digits + " significant digits: " + name);
    }

    @Test
    @DisplayName("Fiorentini-Calzolari-Panattoni benchmark, 3 significant digits (DEM/GBP, normal GARCH(1,1))")
    void fiorentiniCalzolariPanattoniBenchmarkThreeSignificantDigits() throws Exception {
        double[] ret = ReturnSeries.readColumn(dmbp(), "ret");
        assertEquals(1974, ret.length);
        GarchFit fit = new GarchFitter().fit(ret);
        GarchParameters p = fit.parameters();
        System.out.printf("dmbp fit: mu=%.9f omega=%.9f alpha=%.9f beta=%.9f ll=%.6f iterations=%d%n",
                p.mu(), p.omega(), p.alpha(), p.beta(), fit.logLikelihood(), fit.iterations());
        GarchParameters se = fit.standardErrors();
        System.out.printf("dmbp se: mu=%.8f omega=%.8f alpha=%.7f beta=%.7f%n", se.mu(), se.omega(), se.alpha(), se.beta());
        assertSignificant(-0.00619041, p.mu(), 3, "mu");
        assertSignificant(0.0107613, p.omega(), 3, "omega");
        assertSignificant(0.153134, p.alpha(), 3, "alpha");
        assertSignificant(0.805974, p.beta(), 3, "beta");
        assertEquals(-1106.607881, fit.logLikelihood(), 1e-3, "Fiorentini-Calzolari-Panattoni benchmark log-likelihood");
        // Hessian standard errors versus the published ones (those are not purely Hessian-based): loose check.
        assertEquals(0.00846212, se.mu(), 0.15 * 0.00846212, "se mu");
        assertEquals(0.00285271, se.omega(), 0.15 * 0.00285271, "se omega");
        assertEquals(0.0265228, se.alpha(), 0.15 * 0.0265228, "se alpha");
        assertEquals(0.0335527, se.beta(), 0.15 * 0.0335527, "se beta");
    }

    @Test
    void likelihoodAtPublishedParametersMatchesPublishedValue() throws Exception {
        double[] ret = ReturnSeries.readColumn(dmbp(), "ret");
        GarchLikelihood likelihood = new GarchLikelihood(ret, GarchDistribution.NORMAL);
        double ll = likelihood.value(new double[] {-0.00619041, 0.0107613, 0.153134, 0.805974});
        assertEquals(-1106.607881, ll, 1e-5);
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        double[] r = GarchSimulator.simulate(new GarchParameters(0.01, 0.05, 0.1, 0.85, 6), GarchDistribution.STUDENT_T, 500, 7);
        for (GarchDistribution d : GarchDistribution.values()) {
            GarchLikelihood likelihood = new GarchLikelihood(r, d);
            double[] p = d == GarchDistribution.NORMAL ? new double[] {0.02, 0.06, 0.12, 0.8}
                    : new double[] {0.02, 0.06, 0.12, 0.8, 5.5};
            double[] g = new double[p.length];
            likelihood.evaluate(p, g);
            for (int i = 0; i < p.length; i++) {
                double step = 1e-6;
                double[] a = p.clone(), b = p.clone();
                a[i] += step;
                b[i] -= step;
                double numeric = (likelihood.value(a) - likelihood.value(b)) / (2 * step);
                assertEquals(numeric, g[i], 1e-4 * Math.max(1, Math.abs(numeric)), d + " gradient " + i);
            }
        }
    }

    @Test
    void recoversSimulatedNormalGarch() throws Exception {
        GarchParameters truth = new GarchParameters(0.02, 0.05, 0.10, 0.85, Double.NaN);
        double[] r = GarchSimulator.simulate(truth, GarchDistribution.NORMAL, 4000, 42);
        GarchFit fit = new GarchFitter().fit(r);
        GarchParameters p = fit.parameters();
        assertEquals(truth.mu(), p.mu(), 0.03);
        assertEquals(truth.alpha(), p.alpha(), 0.04);
        assertEquals(truth.beta(), p.beta(), 0.05);
        assertEquals(truth.unconditionalVariance(), p.unconditionalVariance(), 0.3);
        assertTrue(Double.isNaN(p.nu()));
    }

    @Test
    void studentTFitFindsDegreesOfFreedom() throws Exception {
        GarchParameters truth = new GarchParameters(0.0, 0.05, 0.08, 0.88, 5);
        double[] r = GarchSimulator.simulate(truth, GarchDistribution.STUDENT_T, 4000, 11);
        GarchFit fit = new GarchFitter(GarchDistribution.STUDENT_T).fit(r);
        GarchParameters p = fit.parameters();
        System.out.println("t fit: " + p + " se " + fit.standardErrors());
        assertEquals(5, p.nu(), 1.5);
        assertEquals(truth.alpha(), p.alpha(), 0.04);
        assertEquals(truth.beta(), p.beta(), 0.05);
        // normal data: nu goes large
        double[] normal = GarchSimulator.simulate(truth, GarchDistribution.NORMAL, 4000, 12);
        assertTrue(new GarchFitter(GarchDistribution.STUDENT_T).fit(normal).parameters().nu() > 15);
    }

    @Test
    void warmStartReachesTheSameMaximum() throws Exception {
        double[] r = GarchSimulator.simulate(new GarchParameters(0.0, 0.05, 0.1, 0.85, Double.NaN), GarchDistribution.NORMAL, 2001, 3);
        double[] previousWindow = Arrays.copyOfRange(r, 0, 2000);
        double[] window = Arrays.copyOfRange(r, 1, 2001);
        GarchFitter fitter = new GarchFitter();
        GarchFit previous = fitter.fit(previousWindow);
        GarchFit cold = fitter.fit(window);
        GarchFit warm = fitter.fit(window, previous);
        assertTrue(warm.warmStarted());
        assertEquals(cold.logLikelihood(), warm.logLikelihood(), 1e-7);
        assertEquals(cold.parameters().alpha(), warm.parameters().alpha(), 1e-5);
        assertEquals(cold.parameters().beta(), warm.parameters().beta(), 1e-5);
        assertTrue(warm.iterations() < cold.iterations(), warm.iterations() + " vs " + cold.iterations());
    }

    @Test
    void forecastRevertsToLongRunVariance() throws Exception {
        double[] r = GarchSimulator.simulate(new GarchParameters(0.0, 0.05, 0.1, 0.85, Double.NaN), GarchDistribution.NORMAL, 1000, 5);
        GarchFit fit = new GarchFitter().fit(r);
        double[] f = fit.forecastVariance(5);
        double lr = fit.unconditionalVariance();
        double pers = fit.parameters().persistence();
        assertEquals(fit.nextVariance(), f[0], 0);
        for (int k = 1; k <= 5; k++) {
            assertEquals(lr + Math.pow(pers, k - 1) * (fit.nextVariance() - lr), f[k - 1], 1e-12);
        }
    }

    @Test
    void failsClearlyOnBadInput() {
        GarchFitter fitter = new GarchFitter();
        GarchFitException constant = assertThrows(GarchFitException.class, () -> fitter.fit(new double[200]));
        assertEquals(GarchFitException.Reason.CONSTANT, constant.reason());
        double[] flat = new double[200];
        Arrays.fill(flat, 0.01);
        assertEquals(GarchFitException.Reason.CONSTANT, assertThrows(GarchFitException.class, () -> fitter.fit(flat)).reason());
        GarchFitException tooShort = assertThrows(GarchFitException.class, () -> fitter.fit(new double[] {0.1, -0.2, 0.3}));
        assertEquals(GarchFitException.Reason.TOO_SHORT, tooShort.reason());
        assertTrue(tooShort.getMessage().contains("at least"));
        double[] withNaN = GarchSimulator.simulate(new GarchParameters(0, 0.05, 0.1, 0.85, Double.NaN), GarchDistribution.NORMAL, 100, 1);
        withNaN[50] = Double.NaN;
        assertEquals(GarchFitException.Reason.NON_FINITE, assertThrows(GarchFitException.class, () -> fitter.fit(withNaN)).reason());
        assertThrows(GarchFitException.class, () -> fitter.fit(null));
    }
}
