package autotrader.risk;

/** Bivariate Gaussian copula. Its tails are independent: lower-tail dependence is 0 for any |rho| &lt; 1. */
public record GaussianCopula(double rho) {

    /** Largest |rho| used, so 1 - rho^2 stays away from 0 for near-identical series. */
    static final double MAX_ABS_RHO = 0.999;

    public static GaussianCopula fromKendallTau(double tau) {
        return new GaussianCopula(rhoFromKendallTau(tau));
    }

    /** rho = sin(pi tau / 2): exact for elliptical copulas (Gaussian and t alike), and robust to outliers. */
    public static double rhoFromKendallTau(double tau) {
        double rho = Math.sin(Math.PI * tau / 2);
        return Math.max(-MAX_ABS_RHO, Math.min(MAX_ABS_RHO, rho));
    }

    public double lowerTailDependence() {
        return Math.abs(rho) < 1 ? 0 : (rho > 0 ? 1 : 0);
    }
}
