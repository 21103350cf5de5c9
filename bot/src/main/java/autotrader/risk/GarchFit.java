package autotrader.risk;

/**
 * A converged GARCH(1,1) maximum-likelihood fit, in the units of the returns that were fitted.
 *
 * @param standardErrors from the inverse of the numerical Hessian of the log-likelihood; NaN where the Hessian
 *                       was not negative definite, or when the fitter was built without standard errors
 * @param logLikelihood  including the -0.5 ln(2 pi) constant (normal) or the full t density constant
 * @param iterations     likelihood evaluations by BOBYQA plus Newton polishing steps
 * @param warmStarted    true when the optimiser started from a previous fit's parameters
 * @param nextVariance   h_{T+1}, the conditional variance of the first return after the sample
 */
public record GarchFit(
        GarchDistribution distribution,
        GarchParameters parameters,
        GarchParameters standardErrors,
        double logLikelihood,
        int n,
        int iterations,
        boolean warmStarted,
        double nextVariance) {

    /** The variance the forecasts revert to, omega / (1 - alpha - beta). */
    public double unconditionalVariance() {
        return parameters.unconditionalVariance();
    }

    /**
     * Expected conditional variance for steps 1..k after the sample. E_T[h_{T+1}] is known exactly; for later steps
     * E_T[e_{T+j}^2] = E_T[h_{T+j}], so E_T[h_{T+j+1}] = omega + (alpha + beta) E_T[h_{T+j}], whose solution is
     * sigma2_LR + (alpha + beta)^(j-1) (h_{T+1} - sigma2_LR).
     */
    public double[] forecastVariance(int steps) {
        double p = parameters.persistence();
        double[] out = new double[steps];
        double h = nextVariance;
        for (int j = 0; j < steps; j++) {
            out[j] = h;
            h = parameters.omega() + p * h; // same recursion as the closed form, and defined for p >= 1 too
        }
        return out;
    }

    /** Square roots of {@link #forecastVariance(int)}: volatility per bar, in the units of the returns. */
    public double[] forecastVolatility(int steps) {
        double[] v = forecastVariance(steps);
        for (int j = 0; j < v.length; j++) v[j] = Math.sqrt(v[j]);
        return v;
    }
}
