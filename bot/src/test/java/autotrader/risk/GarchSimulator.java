package autotrader.risk;

import java.util.Random;

/** Seeded GARCH(1,1) paths for tests, with a 500-step burn-in so the start-up value does not matter. */
final class GarchSimulator {
    private GarchSimulator() {}

    static double[] simulate(GarchParameters p, GarchDistribution d, int n, long seed) {
        Random rng = new Random(seed);
        double h = p.omega() / (1 - p.persistence());
        double[] r = new double[n];
        for (int t = -500; t < n; t++) {
            double z = d == GarchDistribution.NORMAL ? rng.nextGaussian() : standardisedT(rng, p.nu());
            double e = Math.sqrt(h) * z;
            if (t >= 0) r[t] = p.mu() + e;
            h = p.omega() + p.alpha() * e * e + p.beta() * h;
        }
        return r;
    }

    /** Student-t with nu degrees of freedom scaled to unit variance (nu may be non-integer via a gamma draw). */
    static double standardisedT(Random rng, double nu) {
        double chi2 = 2 * gamma(rng, nu / 2);
        return rng.nextGaussian() / Math.sqrt(chi2 / nu) * Math.sqrt((nu - 2) / nu);
    }

    /** Marsaglia-Tsang gamma(shape, 1). */
    static double gamma(Random rng, double shape) {
        if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
        }
    }
}
