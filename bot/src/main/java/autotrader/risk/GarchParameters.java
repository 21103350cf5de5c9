package autotrader.risk;

/**
 * GARCH(1,1) parameters: r_t = mu + e_t, h_t = omega + alpha e_{t-1}^2 + beta h_{t-1}. {@code nu} is the
 * Student-t degrees of freedom, NaN for normal errors. The same record carries standard errors.
 */
public record GarchParameters(double mu, double omega, double alpha, double beta, double nu) {

    /** alpha + beta: how slowly a variance shock decays. */
    public double persistence() {
        return alpha + beta;
    }

    /** Long-run (unconditional) variance omega / (1 - alpha - beta); infinite when persistence >= 1. */
    public double unconditionalVariance() {
        double p = persistence();
        return p < 1 ? omega / (1 - p) : Double.POSITIVE_INFINITY;
    }
}
