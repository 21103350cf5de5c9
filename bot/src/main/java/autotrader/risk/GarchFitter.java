package autotrader.risk;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
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
 *   <li>The search runs in box coordinates (mu, omega, alpha + beta, alpha / (alpha + beta)[, 1 / nu]), where
 *       omega &gt; 0, alpha, beta &gt;= 0, alpha + beta &lt; 1 (capped at {@value #MAX_PERSISTENCE}) and
 *       {@value #MIN_NU} &lt;= nu &lt;= {@value #MAX_NU} are plain bounds, so no penalty is needed.</li>
 *   <li>Projected Newton with the analytic gradient and a Hessian from gradient differences runs first, from the
 *       previous fit (warm start) or from a standard point (alpha 0.1, beta 0.8 on the standardised series). It
 *       converges in 4-8 steps on well-behaved data, DEM/GBP included.</li>
 *   <li>Commons-math3 BOBYQA (bounded, derivative-free) runs when Newton does not converge, or when Newton ends
 *       on a bound from a cold start (alpha = 0 or alpha + beta at its cap may be a corner next to a better
 *       interior maximum); Newton then polishes BOBYQA's point, and a tight BOBYQA run finishes the job if even
 *       that fails. The better of the candidates wins.</li>
 *   <li>Standard errors come from the inverse of the numerical Hessian (central differences of the analytic
 *       gradient) in the original parameters.</li>
 * </ol>
 * Like any local optimiser it can in principle stop at a local maximum; the BOBYQA confirmation of bound solutions
 * is the guard against the usual one. Instances are immutable and thread-safe.
 */
public final class GarchFitter {

    private static final Logger log = LoggerFactory.getLogger(GarchFitter.class);

    /** Fewer returns than this give a likelihood too flat to say anything about alpha and beta. */
    public static final int MIN_OBSERVATIONS = 30;

    private static final double MAX_PERSISTENCE = 0.9999;
    private static final double MIN_NU = 2.05;
    private static final double MAX_NU = 100;
    private static final double DECREMENT_TOLERANCE = 1e-9;
    private static final int COLD_NEWTON_STEPS = 15;
    /** Loose on purpose: BOBYQA only has to get near the top, Newton does the last digits quadratically. */
    private static final double BOBYQA_STOPPING_RADIUS = 1e-3;
    private static final int WARM_NEWTON_STEPS = 12;

    private final GarchDistribution distribution;
    private final int maxEvaluations;
    private final boolean withStandardErrors;

    public GarchFitter() {
        this(GarchDistribution.NORMAL);
    }

    public GarchFitter(GarchDistribution distribution) {
        this(distribution, 5000);
    }

    public GarchFitter(GarchDistribution distribution, int maxEvaluations) {
        this(distribution, maxEvaluations, true);
    }

    /**
     * @param withStandardErrors false skips the final Hessian (standard errors become NaN): a fair share of the time
     *                           of a warm refit on 100 bars, and the risk features do not use them
     */
    public GarchFitter(GarchDistribution distribution, int maxEvaluations, boolean withStandardErrors) {
        this.distribution = distribution;
        this.maxEvaluations = maxEvaluations;
        this.withStandardErrors = withStandardErrors;
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
        Newton.Result polished;
        Newton.Result fallbackCandidate = null;
        boolean warm = previous != null;
        double[] newtonStart = warm ? z.toStandardised(previous.parameters(), distribution) : defaultStart();
        polished = Newton.maximise(likelihood, newtonStart, warm ? WARM_NEWTON_STEPS : COLD_NEWTON_STEPS, DECREMENT_TOLERANCE);
        iterations += polished.steps();
        // From the standard start, a maximum on a bound may be a degenerate corner (alpha = 0, omega -> 0, beta -> 1 is
        // the constant-variance model) next to a better interior maximum; only BOBYQA's wider search can tell. From a
        // warm start (the previous window's maximum, one bar ago) Newton follows that maximum wherever it moves.
        if (!polished.converged() || (!warm && boundMask(polished.point()) != 0)) {
            log.debug("Newton from the {} start: converged={} on bounds {}; running BOBYQA", warm ? "warm" : "default",
                    polished.converged(), boundMask(polished.point()));
            Newton.Result newtonOnly = polished;
            polished = null;
            if (newtonOnly.converged()) fallbackCandidate = newtonOnly;
        }
        if (polished == null) {
            double[] start = warm ? z.toStandardised(previous.parameters(), distribution) : defaultStart();
            BobyqaResult search = bobyqa(likelihood, start, warm ? 0.02 : 0.1, BOBYQA_STOPPING_RADIUS);
            iterations += search.evaluations();
            double[] point = BoxCoordinates.toNatural(search.best().getPoint(), distribution);
            polished = Newton.maximise(likelihood, point, COLD_NEWTON_STEPS, DECREMENT_TOLERANCE);
            iterations += polished.steps();
            if (!polished.converged()) {
                // Newton found no concave neighbourhood (a flat or odd likelihood): let BOBYQA finish the job itself
                log.debug("Newton polish did not converge; tightening BOBYQA instead");
                BobyqaResult tight = bobyqa(likelihood, polished.point(), 0.01, 1e-8);
                iterations += tight.evaluations();
                if (!(tight.best().getValue() <= polished.logLikelihood())) {
                    double[] p = BoxCoordinates.toNatural(tight.best().getPoint(), distribution);
                    polished = new Newton.Result(p, tight.best().getValue(), 0, true);
                }
            }
        }
        if (fallbackCandidate != null && fallbackCandidate.logLikelihood() > polished.logLikelihood()) polished = fallbackCandidate;
        double ll = polished.logLikelihood();
        if (!Double.isFinite(ll)) {
            throw new GarchFitException(GarchFitException.Reason.NOT_CONVERGED,
                    "GARCH likelihood is not finite at the optimum (" + ll + ")");
        }
        double[] p = polished.point();
        double[] se = new double[p.length];
        if (withStandardErrors) se = standardErrors(Newton.hessian(likelihood, p));
        else Arrays.fill(se, Double.NaN);
        return new GarchFit(distribution, z.toOriginal(p, distribution), z.toOriginalErrors(se, distribution),
                ll - z.x.length * Math.log(z.sd), z.x.length, iterations, warm, z.sd * z.sd * likelihood.nextVariance(p));
    }

    private record BobyqaResult(PointValuePair best, int evaluations) {}

    private BobyqaResult bobyqa(GarchLikelihood likelihood, double[] naturalStart, double radius, double stoppingRadius)
            throws GarchFitException {
        int dim = likelihood.dimension();
        double[] lower = BoxCoordinates.lower(distribution);
        double[] upper = BoxCoordinates.upper(distribution);
        double[] start = BoxCoordinates.toBox(naturalStart, distribution);
        for (int i = 0; i < dim; i++) start[i] = Math.min(upper[i], Math.max(lower[i], start[i]));
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * dim + 1, radius, stoppingRadius);
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
        double[][] negative = new double[dim][dim];
        for (int i = 0; i < dim; i++) for (int j = 0; j < dim; j++) negative[i][j] = -hessian[i][j];
        double[] variance = Cholesky.inverseDiagonal(negative);
        double[] se = new double[dim];
        if (variance == null) {
            log.debug("Hessian is not negative definite; standard errors unavailable");
            Arrays.fill(se, Double.NaN);
        } else {
            for (int i = 0; i < dim; i++) se[i] = Math.sqrt(variance[i]);
        }
        return se;
    }

    /** Which bounds natural standardised parameters p sit on: 1 alpha = 0, 2 beta = 0, 4 omega floor, 8 persistence cap. */
    static int boundMask(double[] p) {
        int mask = 0; // tolerances a little wider than Newton's so a warm start clamped onto a bound matches
        if (p[2] <= 1e-8) mask |= 1;
        if (p[3] <= 1e-8) mask |= 2;
        if (p[1] <= 1e-7) mask |= 4;
        if (p[2] + p[3] >= MAX_PERSISTENCE - 1e-7) mask |= 8; // previous fit at or past the cap
        return mask;
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

        /** p in standardised units; Newton clamps it into the box, so a fit on a bound stays on that bound. */
        double[] toStandardised(GarchParameters p, GarchDistribution distribution) {
            double mu = (p.mu() - mean) / sd, omega = p.omega() / (sd * sd);
            if (!Double.isFinite(mu) || !Double.isFinite(omega)) return new double[] {0, 0.1, 0.1, 0.8, 8};
            double alpha = Math.max(0, p.alpha()), beta = Math.max(0, p.beta());
            if (distribution == GarchDistribution.NORMAL) return new double[] {mu, omega, alpha, beta};
            double nu = Double.isFinite(p.nu()) ? Math.min(MAX_NU, Math.max(MIN_NU, p.nu())) : 8;
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

    /**
     * Projected Newton ascent (Bertsekas) in BOBYQA's box coordinates, where every constraint is a bound. With 100
     * returns the maximum often sits on a bound (alpha = 0, alpha + beta at its cap, omega at its floor); a
     * coordinate on its bound with the gradient pushing outwards is held there and Newton runs on the others, so
     * such a maximum counts as converged instead of stalling the line search. A Hessian that is not negative definite
     * (a nearly unidentified beta when alpha = 0) is shifted Levenberg-style rather than given up on.
     */
    static final class Newton {
        private Newton() {}

        private static final double MAX_STEP_FRACTION = 0.2;

        record Result(double[] point, double logLikelihood, int steps, boolean converged) {}

        /** Starts from natural parameters; returns natural parameters and the natural-coordinate Hessian. */
        static Result maximise(GarchLikelihood likelihood, double[] naturalStart, int maxSteps, double tolerance) {
            GarchDistribution d = likelihood.dimension() == 4 ? GarchDistribution.NORMAL : GarchDistribution.STUDENT_T;
            double[] lower = BoxCoordinates.lower(d), upper = BoxCoordinates.upper(d);
            int dim = lower.length;
            double[] y = clamp(BoxCoordinates.toBox(naturalStart, d), lower, upper);
            double[] g = new double[dim];
            double ll = boxGradient(likelihood, y, d, g);
            if (!Double.isFinite(ll)) return new Result(BoxCoordinates.toNatural(y, d), Double.NEGATIVE_INFINITY, 0, false);
            for (int step = 0; step < maxSteps; step++) {
                double[][] h = boxHessian(likelihood, y, d, lower, upper);
                boolean[] free = new boolean[dim];
                for (int i = 0; i < dim; i++) {
                    double room = 1e-9 * Math.max(1, upper[i] - lower[i]);
                    free[i] = !((y[i] <= lower[i] + room && g[i] < 0) || (y[i] >= upper[i] - room && g[i] > 0));
                }
                double[] direction = freeDirection(h, g, free);
                double decrement = 0;
                for (int i = 0; i < dim; i++) decrement += g[i] * direction[i];
                double longest = 0; // cap each move at a fifth of the box so early steps cannot leap into a corner
                for (int i = 0; i < dim; i++) longest = Math.max(longest, Math.abs(direction[i]) / (upper[i] - lower[i]));
                if (longest > MAX_STEP_FRACTION) for (int i = 0; i < dim; i++) direction[i] *= MAX_STEP_FRACTION / longest;
                if (decrement < tolerance) {
                    double[] p = BoxCoordinates.toNatural(y, d);
                    return new Result(p, ll, step, true);
                }
                double[] gNext = new double[dim];
                boolean moved = false;
                for (double t = 1; t > 1e-7; t *= 0.5) {
                    double[] candidate = new double[dim];
                    for (int i = 0; i < dim; i++) candidate[i] = y[i] + t * direction[i];
                    candidate = clamp(candidate, lower, upper);
                    double next = boxGradient(likelihood, candidate, d, gNext);
                    if (next >= ll - 1e-12 * Math.abs(ll)) {
                        y = candidate;
                        ll = next;
                        System.arraycopy(gNext, 0, g, 0, dim);
                        moved = true;
                        break;
                    }
                }
                if (!moved) break;
            }
            double[] p = BoxCoordinates.toNatural(y, d);
            return new Result(p, ll, maxSteps, false);
        }

        /** Log-likelihood at box point y, its gradient in box coordinates (chain rule) written to gy. */
        private static double boxGradient(GarchLikelihood likelihood, double[] y, GarchDistribution d, double[] gy) {
            double[] p = BoxCoordinates.toNatural(y, d);
            double[] g = new double[p.length];
            double ll = likelihood.evaluate(p, g);
            gy[0] = g[0];
            gy[1] = g[1];
            gy[2] = y[3] * g[2] + (1 - y[3]) * g[3];   // persistence: alpha = a p, beta = (1 - a) p
            gy[3] = y[2] * (g[2] - g[3]);               // share a
            if (d == GarchDistribution.STUDENT_T) gy[4] = -g[4] / (y[4] * y[4]); // nu = 1 / eta
            return ll;
        }

        private static double[][] boxHessian(GarchLikelihood likelihood, double[] y, GarchDistribution d,
                                             double[] lower, double[] upper) {
            int dim = y.length;
            double[][] h = new double[dim][dim];
            double[] gPlus = new double[dim], gMinus = new double[dim];
            for (int j = 0; j < dim; j++) {
                double step = 1e-6 * Math.max(upper[j] - lower[j], 1e-3);
                double[] plus = y.clone(), minus = y.clone();
                plus[j] = Math.min(upper[j], y[j] + step);
                minus[j] = Math.max(lower[j], y[j] - step);
                boxGradient(likelihood, plus, d, gPlus);
                boxGradient(likelihood, minus, d, gMinus);
                double width = plus[j] - minus[j];
                for (int i = 0; i < dim; i++) h[i][j] = (gPlus[i] - gMinus[i]) / width;
            }
            symmetrise(h);
            return h;
        }

        /**
         * Solves (-H_ff + lambda I) d_f = g_f on the free coordinates, 0 elsewhere, with lambda = 0 when -H_ff is
         * positive definite and otherwise grown until it is (a step towards gradient ascent).
         */
        private static double[] freeDirection(double[][] h, double[] g, boolean[] free) {
            int dim = g.length, count = 0;
            for (boolean f : free) if (f) count++;
            double[][] sub = new double[count][count];
            double[] rhs = new double[count];
            double scale = 0;
            for (int i = 0, a = 0; i < dim; i++) {
                if (!free[i]) continue;
                rhs[a] = g[i];
                for (int j = 0, b = 0; j < dim; j++) if (free[j]) sub[a][b++] = -h[i][j];
                scale = Math.max(scale, Math.abs(h[i][i]));
                a++;
            }
            double[] solved = Cholesky.solve(sub, rhs);
            for (double lambda = 1e-8 * Math.max(scale, 1e-8); solved == null && lambda < 1e12 * Math.max(scale, 1); lambda *= 10) {
                double[][] shifted = new double[count][];
                for (int i = 0; i < count; i++) {
                    shifted[i] = sub[i].clone();
                    shifted[i][i] += lambda;
                }
                solved = Cholesky.solve(shifted, rhs);
            }
            double[] direction = new double[dim];
            if (solved == null) return direction;
            for (int i = 0, a = 0; i < dim; i++) if (free[i]) direction[i] = solved[a++];
            return direction;
        }

        private static double[] clamp(double[] y, double[] lower, double[] upper) {
            for (int i = 0; i < y.length; i++) y[i] = Math.min(upper[i], Math.max(lower[i], y[i]));
            return y;
        }

        private static void symmetrise(double[][] h) {
            for (int i = 0; i < h.length; i++) {
                for (int j = 0; j < i; j++) {
                    double avg = 0.5 * (h[i][j] + h[j][i]);
                    h[i][j] = avg;
                    h[j][i] = avg;
                }
            }
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
    }
}
