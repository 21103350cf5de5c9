package autotrader.risk;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maximum-likelihood GARCH(1,1) fitter (see {@link GarchLikelihood} for the model and its start-up convention).
 *
 * <p>How it fits, and why:
 * <ol>
 *   <li>The returns are standardised, x = (r - mean) / sd, so the optimiser sees the same scale whether the
 *       returns are in percent or in fractions of a 1-minute bar; estimates are mapped back exactly
 *       (mu = mean + sd mu_x, omega = sd^2 omega_x, log-likelihood minus n ln sd).</li>
 *   <li>Commons-math3 BOBYQA searches a box in (mu, omega, alpha + beta, alpha / (alpha + beta)[, 1 / nu]):
 *       in those coordinates omega &gt; 0, alpha, beta &gt;= 0 and alpha + beta &lt; 1 are plain bounds, so no
 *       penalty is needed.</li>
 *   <li>Newton steps with the analytic gradient and a Hessian from gradient differences polish the BOBYQA point
 *       until the Newton decrement is below 1e-9 (BOBYQA alone stalls around 1e-5 relative accuracy), and the
 *       final Hessian gives the standard errors.</li>
 *   <li>With a previous fit, Newton starts straight from its parameters; BOBYQA runs only when that fails. This is
 *       what makes refitting a rolling window cheap.</li>
 * </ol>
 * Instances are immutable and thread-safe.
 */
public final class GarchFitter {

    private static final Logger log = LoggerFactory.getLogger(GarchFitter.class);

    /** Fewer returns than this give a likelihood too flat to say anything about alpha and beta. */
    public static final int MIN_OBSERVATIONS = 30;

    private static final double MAX_PERSISTENCE = 0.9999;
    private static final double MIN_NU = 2.05;
    private static final double MAX_NU = 100;
    private static final double DECREMENT_TOLERANCE = 1e-9;
    private static final int COLD_NEWTON_STEPS = 50;
    private static final int WARM_NEWTON_STEPS = 12;

    private final GarchDistribution distribution;
    private final int maxEvaluations;

    public GarchFitter() {
        this(GarchDistribution.NORMAL);
    }

    public GarchFitter(GarchDistribution distribution) {
        this(distribution, 5000);
    }

    public GarchFitter(GarchDistribution distribution, int maxEvaluations) {
        this.distribution = distribution;
        this.maxEvaluations = maxEvaluations;
    }

    public GarchDistribution distribution() {
        return distribution;
    }

    /** Fits from the default starting point. */
    public GarchFit fit(double[] returns) throws GarchFitException {
        return fit(returns, null);
    }

    /**
     * Fits starting from {@code previous}'s parameters when it is not null (for example the fit of the same series
     * one bar ago); the answer is the same maximum, only reached faster.
     */
    public GarchFit fit(double[] returns, GarchFit previous) throws GarchFitException {
        Standardised z = Standardised.of(returns);
        GarchLikelihood likelihood = new GarchLikelihood(z.x, distribution);
        int iterations = 0;
        Newton.Result polished = null;
        boolean warm = previous != null;
        if (warm) {
            polished = Newton.maximise(likelihood, z.toStandardised(previous.parameters(), distribution),
                    WARM_NEWTON_STEPS, DECREMENT_TOLERANCE);
            iterations += polished.steps();
            if (!polished.converged()) {
                log.debug("warm start did not converge in {} Newton steps; falling back to BOBYQA", polished.steps());
                polished = null;
            }
        }
        if (polished == null) {
            double[] start = warm ? z.toStandardised(previous.parameters(), distribution) : defaultStart();
            BobyqaResult search = bobyqa(likelihood, start, warm ? 0.02 : 0.1);
            PointValuePair best = search.best();
            iterations += search.evaluations();
            double[] point = BoxCoordinates.toNatural(best.getPoint(), distribution);
            Newton.Result newton = Newton.maximise(likelihood, point, COLD_NEWTON_STEPS, DECREMENT_TOLERANCE);
            iterations += newton.steps();
            // A maximum on a bound (alpha = 0, say) stops Newton early; BOBYQA's point is then the answer.
            polished = newton.logLikelihood() >= best.getValue() ? newton
                    : new Newton.Result(point, best.getValue(), Newton.hessian(likelihood, point), newton.steps(), false);
        }
        double ll = polished.logLikelihood();
        if (!Double.isFinite(ll)) {
            throw new GarchFitException(GarchFitException.Reason.NOT_CONVERGED,
                    "GARCH likelihood is not finite at the optimum (" + ll + ")");
        }
        double[] p = polished.point();
        double[] se = standardErrors(polished.hessian());
        return new GarchFit(distribution, z.toOriginal(p, distribution), z.toOriginalErrors(se, distribution),
                ll - z.x.length * Math.log(z.sd), z.x.length, iterations, warm, z.sd * z.sd * likelihood.nextVariance(p));
    }

    private record BobyqaResult(PointValuePair best, int evaluations) {}

    private BobyqaResult bobyqa(GarchLikelihood likelihood, double[] naturalStart, double radius)
            throws GarchFitException {
        int dim = likelihood.dimension();
        double[] lower = BoxCoordinates.lower(distribution);
        double[] upper = BoxCoordinates.upper(distribution);
        double[] start = BoxCoordinates.toBox(naturalStart, distribution);
        for (int i = 0; i < dim; i++) start[i] = Math.min(upper[i], Math.max(lower[i], start[i]));
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * dim + 1, radius, 1e-7);
        ObjectiveFunction objective = new ObjectiveFunction(y -> {
            double v = likelihood.value(BoxCoordinates.toNatural(y, distribution));
            return Double.isFinite(v) ? v : -1e300; // BOBYQA needs a number; this point simply loses
        });
        try {
            PointValuePair best = optimizer.optimize(new MaxEval(maxEvaluations), objective, GoalType.MAXIMIZE,
                    new InitialGuess(start), new SimpleBounds(lower, upper));
            return new BobyqaResult(best, optimizer.getEvaluations());
        } catch (TooManyEvaluationsException e) {
            throw new GarchFitException(GarchFitException.Reason.NOT_CONVERGED,
                    "GARCH optimiser did not converge within " + maxEvaluations + " likelihood evaluations", e);
        } catch (MathIllegalStateException e) {
            throw new GarchFitException(GarchFitException.Reason.NOT_CONVERGED, "GARCH optimiser failed: " + e.getMessage(), e);
        }
    }

    private double[] defaultStart() {
        // standardised series: unconditional variance 1, a typical alpha 0.1 / beta 0.8, t with 8 degrees of freedom
        return distribution == GarchDistribution.NORMAL ? new double[] {0, 0.1, 0.1, 0.8}
                : new double[] {0, 0.1, 0.1, 0.8, 8};
    }

    private static double[] standardErrors(double[][] hessian) {
        int dim = hessian.length;
        double[] se = new double[dim];
        Arrays.fill(se, Double.NaN);
        RealMatrix negative = new Array2DRowRealMatrix(hessian).scalarMultiply(-1);
        try {
            RealMatrix covariance = new CholeskyDecomposition(negative, 1e-12, 1e-14).getSolver().getInverse();
            for (int i = 0; i < dim; i++) se[i] = Math.sqrt(covariance.getEntry(i, i));
        } catch (NonPositiveDefiniteMatrixException | MathIllegalStateException e) {
            log.debug("Hessian is not negative definite; standard errors unavailable");
        }
        return se;
    }

    static boolean feasible(double[] p) {
        return p[1] > 0 && p[2] >= 0 && p[3] >= 0 && p[2] + p[3] < 1 && (p.length < 5 || (p[4] > 2 && p[4] <= 1000));
    }

    /** The returns rescaled to mean 0 and variance 1, with the maps back to the original units. */
    private record Standardised(double[] x, double mean, double sd) {

        static Standardised of(double[] r) throws GarchFitException {
            if (r == null || r.length < MIN_OBSERVATIONS) {
                throw new GarchFitException(GarchFitException.Reason.TOO_SHORT, "GARCH needs at least "
                        + MIN_OBSERVATIONS + " returns, got " + (r == null ? 0 : r.length));
            }
            double sum = 0;
            for (int i = 0; i < r.length; i++) {
                if (!Double.isFinite(r[i])) {
                    throw new GarchFitException(GarchFitException.Reason.NON_FINITE,
                            "return " + i + " is not a finite number (" + r[i] + ")");
                }
                sum += r[i];
            }
            double mean = sum / r.length;
            double ss = 0;
            for (double v : r) ss += (v - mean) * (v - mean);
            double sd = Math.sqrt(ss / r.length);
            if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
                throw new GarchFitException(GarchFitException.Reason.CONSTANT,
                        "returns are constant (sd " + sd + "); GARCH is undefined");
            }
            double[] x = new double[r.length];
            for (int i = 0; i < r.length; i++) x[i] = (r[i] - mean) / sd;
            return new Standardised(x, mean, sd);
        }

        double[] toStandardised(GarchParameters p, GarchDistribution distribution) {
            double alpha = Math.max(0, p.alpha()), beta = Math.max(0, p.beta());
            double persistence = alpha + beta;
            if (persistence > 0.995) { // stay inside the region so the first Newton step has room
                alpha *= 0.995 / persistence;
                beta *= 0.995 / persistence;
            }
            double omega = Math.max(1e-6, p.omega() / (sd * sd));
            double mu = (p.mu() - mean) / sd;
            if (!Double.isFinite(mu) || !Double.isFinite(omega)) return new double[] {0, 0.1, 0.1, 0.8, 8};
            if (distribution == GarchDistribution.NORMAL) return new double[] {mu, omega, alpha, beta};
            double nu = Double.isFinite(p.nu()) ? Math.min(MAX_NU, Math.max(2.1, p.nu())) : 8;
            return new double[] {mu, omega, alpha, beta, nu};
        }

        GarchParameters toOriginal(double[] p, GarchDistribution distribution) {
            return new GarchParameters(mean + sd * p[0], sd * sd * p[1], p[2], p[3],
                    distribution == GarchDistribution.NORMAL ? Double.NaN : p[4]);
        }

        GarchParameters toOriginalErrors(double[] se, GarchDistribution distribution) {
            return new GarchParameters(sd * se[0], sd * sd * se[1], se[2], se[3],
                    distribution == GarchDistribution.NORMAL ? Double.NaN : se[4]);
        }
    }

    /** BOBYQA's box: (mu, omega, alpha + beta, alpha / (alpha + beta)[, 1 / nu]) on the standardised series. */
    static final class BoxCoordinates {
        private BoxCoordinates() {}

        static double[] lower(GarchDistribution d) {
            return d == GarchDistribution.NORMAL ? new double[] {-1, 1e-8, 0, 0}
                    : new double[] {-1, 1e-8, 0, 0, 1 / MAX_NU};
        }

        static double[] upper(GarchDistribution d) {
            return d == GarchDistribution.NORMAL ? new double[] {1, 2, MAX_PERSISTENCE, 1}
                    : new double[] {1, 2, MAX_PERSISTENCE, 1, 1 / MIN_NU};
        }

        static double[] toNatural(double[] y, GarchDistribution d) {
            double[] p = new double[y.length];
            p[0] = y[0];
            p[1] = y[1];
            p[2] = y[3] * y[2];
            p[3] = (1 - y[3]) * y[2];
            if (d == GarchDistribution.STUDENT_T) p[4] = 1 / y[4];
            return p;
        }

        static double[] toBox(double[] p, GarchDistribution d) {
            double[] y = new double[p.length];
            double persistence = p[2] + p[3];
            y[0] = p[0];
            y[1] = p[1];
            y[2] = persistence;
            y[3] = persistence > 0 ? p[2] / persistence : 0.5;
            if (d == GarchDistribution.STUDENT_T) y[4] = 1 / p[4];
            return y;
        }
    }

    /** Damped Newton ascent on the natural parameters, staying inside the feasible region. */
    static final class Newton {
        private Newton() {}

        record Result(double[] point, double logLikelihood, double[][] hessian, int steps, boolean converged) {}

        static Result maximise(GarchLikelihood likelihood, double[] start, int maxSteps, double tolerance) {
            int dim = likelihood.dimension();
            double[] p = start.clone();
            double[] g = new double[dim];
            double ll = likelihood.evaluate(p, g);
            double[][] h = null;
            if (!feasible(p) || !Double.isFinite(ll)) return new Result(p, Double.NEGATIVE_INFINITY, identity(dim), 0, false);
            for (int step = 0; step < maxSteps; step++) {
                h = hessian(likelihood, p);
                DecompositionSolver solver;
                try {
                    solver = new CholeskyDecomposition(new Array2DRowRealMatrix(h).scalarMultiply(-1), 1e-12, 1e-14)
                            .getSolver();
                } catch (NonPositiveDefiniteMatrixException | MathIllegalStateException e) {
                    return new Result(p, ll, h, step, false); // not locally concave: Newton has no ascent direction
                }
                double[] d = solver.solve(new ArrayRealVector(g, false)).toArray();
                double decrement = 0;
                for (int i = 0; i < dim; i++) decrement += g[i] * d[i];
                if (decrement < tolerance) return new Result(p, ll, h, step, true);
                double[] gNext = new double[dim];
                boolean moved = false;
                for (double t = 1; t > 1e-6; t *= 0.5) {
                    double[] candidate = new double[dim];
                    for (int i = 0; i < dim; i++) candidate[i] = p[i] + t * d[i];
                    if (!feasible(candidate)) continue;
                    double next = likelihood.evaluate(candidate, gNext);
                    if (next >= ll - 1e-12 * Math.abs(ll)) {
                        p = candidate;
                        ll = next;
                        System.arraycopy(gNext, 0, g, 0, dim);
                        moved = true;
                        break;
                    }
                }
                if (!moved) return new Result(p, ll, h, step + 1, false); // the maximum is on a bound
            }
            return new Result(p, ll, hessian(likelihood, p), maxSteps, false);
        }

        /**
         * Hessian by central differences of the analytic gradient (one-sided next to a bound), symmetrised.
         */
        static double[][] hessian(GarchLikelihood likelihood, double[] p) {
            int dim = p.length;
            double[][] h = new double[dim][dim];
            double[] gPlus = new double[dim], gMinus = new double[dim];
            for (int j = 0; j < dim; j++) {
                double step = 1e-5 * Math.max(Math.abs(p[j]), j == 1 ? 1e-3 : 1e-2);
                double[] plus = p.clone(), minus = p.clone();
                plus[j] += step;
                minus[j] -= step;
                boolean plusOk = feasible(plus), minusOk = feasible(minus);
                double[] a = plus, b = minus;
                double width = 2 * step;
                if (!minusOk) { b = p; width = step; }
                if (!plusOk) { a = p; width = minusOk ? step : width; }
                likelihood.evaluate(a, gPlus);
                likelihood.evaluate(b, gMinus);
                for (int i = 0; i < dim; i++) h[i][j] = (gPlus[i] - gMinus[i]) / width;
            }
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < i; j++) {
                    double avg = 0.5 * (h[i][j] + h[j][i]);
                    h[i][j] = avg;
                    h[j][i] = avg;
                }
            }
            return h;
        }

        private static double[][] identity(int dim) {
            double[][] m = new double[dim][dim];
            for (int i = 0; i < dim; i++) m[i][i] = -1;
            return m;
        }
    }
}
