package autotrader.risk;

import org.apache.commons.math3.special.Gamma;

/**
 * GARCH(1,1) log-likelihood and its analytic gradient on one series, parameters ordered
 * (mu, omega, alpha, beta[, nu]).
 *
 * <p>Start-up follows Fiorentini, Calzolari and Panattoni (1996) and R's fGarch, which is what the published
 * DEM/GBP benchmark uses: h_0 = e_0^2 = mean of (r - mu)^2 at the current mu, so h_1 = omega + (alpha + beta) h_0,
 * and the sum runs over every observation. Because h_0 moves with mu, its derivative is carried into the gradient.
 *
 * <p>The gradient is exact (the variance derivatives are run through the same recursion), which lets the fitter
 * polish with Newton steps and build the Hessian from gradient differences instead of second differences of the
 * likelihood, which are much noisier.
 */
final class GarchLikelihood {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] x;
    private final GarchDistribution distribution;

    GarchLikelihood(double[] x, GarchDistribution distribution) {
        this.x = x;
        this.distribution = distribution;
    }

    int dimension() {
        return distribution == GarchDistribution.NORMAL ? 4 : 5;
    }

    int size() {
        return x.length;
    }

    /** Log-likelihood at p; NaN or -infinity where the variance leaves (0, inf). */
    double value(double[] p) {
        return evaluate(p, null);
    }

    /**
     * Log-likelihood at p, with its gradient written into {@code gradient} when that is not null.
     * Returns -infinity for parameters outside the region where the model is defined.
     */
    double evaluate(double[] p, double[] gradient) {
        double mu = p[0], omega = p[1], alpha = p[2], beta = p[3];
        boolean studentT = distribution == GarchDistribution.STUDENT_T;
        double nu = studentT ? p[4] : Double.NaN;
        if (!(omega > 0) || alpha < 0 || beta < 0 || (studentT && !(nu > 2))) return Double.NEGATIVE_INFINITY;
        int n = x.length;

        double sumE = 0, sumE2 = 0;
        for (double v : x) {
            double e = v - mu;
            sumE += e;
            sumE2 += e * e;
        }
        double h0 = sumE2 / n;
        double h = omega + (alpha + beta) * h0;
        boolean wantGradient = gradient != null;
        // derivatives of h_t with respect to mu, omega, alpha, beta
        double dMu = (alpha + beta) * (-2 * sumE / n), dOmega = 1, dAlpha = h0, dBeta = h0;
        double gMu = 0, gOmega = 0, gAlpha = 0, gBeta = 0, gNu = 0;

        double constant, nuHalf = 0, k = 0, dConstant = 0;
        if (studentT) {
            k = nu - 2;
            nuHalf = (nu + 1) / 2;
            constant = Gamma.logGamma(nuHalf) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(Math.PI * k);
            if (wantGradient) dConstant = 0.5 * Gamma.digamma(nuHalf) - 0.5 * Gamma.digamma(nu / 2) - 0.5 / k;
        } else {
            constant = -0.5 * LOG_2PI;
        }

        double ll = n * constant;
        for (int t = 0; t < n; t++) {
            if (!(h > 0) || h == Double.POSITIVE_INFINITY) return Double.NEGATIVE_INFINITY;
            double e = x[t] - mu;
            double e2 = e * e;
            double dLdH, dLdE;
            if (studentT) {
                double q = e2 / (h * k);
                double log1pQ = Math.log1p(q);
                ll += -0.5 * Math.log(h) - nuHalf * log1pQ;
                if (wantGradient) {
                    double inv = 1 / (1 + q);
                    dLdH = -0.5 / h + nuHalf * q / h * inv;
                    dLdE = -(nu + 1) * e / (h * k) * inv;
                    gNu += dConstant - 0.5 * log1pQ + nuHalf * q / k * inv;
                } else {
                    dLdH = dLdE = 0;
                }
            } else {
                ll += -0.5 * (Math.log(h) + e2 / h);
                dLdH = -0.5 * (1 / h - e2 / (h * h));
                dLdE = -e / h;
            }
            if (wantGradient) {
                gMu += dLdH * dMu - dLdE; // de/dmu = -1
                gOmega += dLdH * dOmega;
                gAlpha += dLdH * dAlpha;
                gBeta += dLdH * dBeta;
                dMu = -2 * alpha * e + beta * dMu;
                dOmega = 1 + beta * dOmega;
                dAlpha = e2 + beta * dAlpha;
                dBeta = h + beta * dBeta;
            }
            h = omega + alpha * e2 + beta * h;
        }
        if (wantGradient) {
            gradient[0] = gMu;
            gradient[1] = gOmega;
            gradient[2] = gAlpha;
            gradient[3] = gBeta;
            if (studentT) gradient[4] = gNu;
        }
        return ll;
    }

    /** h_{T+1}: the one-step-ahead conditional variance after the last observation. */
    double nextVariance(double[] p) {
        double mu = p[0], omega = p[1], alpha = p[2], beta = p[3];
        double sumE2 = 0;
        for (double v : x) sumE2 += (v - mu) * (v - mu);
        double h = omega + (alpha + beta) * sumE2 / x.length;
        for (double v : x) {
            double e = v - mu;
            h = omega + alpha * e * e + beta * h;
        }
        return h;
    }
}
