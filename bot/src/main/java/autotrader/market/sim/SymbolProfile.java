package autotrader.market.sim;

import java.util.SplittableRandom;

/**
 * The fixed character of one simulated symbol: price level, market beta, idiosyncratic GARCH
 * volatility, typical daily volume and how often it has momentum bursts. Drawn from the seed and
 * the symbol's own number, so SIM0001 is the same stock whatever the size of the universe.
 */
record SymbolProfile(long seedKey, double basePrice, double beta, double idioVariance, double garchAlpha,
                     double garchBeta, double baseVolume, double burstProbability) {

    static SymbolProfile stock(long seed, int number) {
        SplittableRandom r = Seeds.random(seed, number, 0, Seeds.PROFILE);
        double price = Math.exp(Math.log(5) + r.nextDouble() * Math.log(100));          // $5..$500, log-uniform
        double beta = 0.5 + 1.3 * r.nextDouble();                                      // 0.5..1.8
        double idioVol = 0.008 + 0.022 * r.nextDouble();                              // 0.8%..3% a day
        if (price < 20) idioVol *= 1.3;                                                // cheap stocks move more
        double alpha = 0.05 + 0.05 * r.nextDouble();
        double garchBeta = 0.85 + (0.975 - 0.85 - alpha) * r.nextDouble();           // alpha + beta < 0.975
        double volume = Math.exp(Math.log(3e5) + r.nextDouble() * Math.log(100));     // 300k..30M shares a day
        double burst = 0.02 + 0.03 * r.nextDouble();                                   // 2%..5% of days
        return new SymbolProfile(number, price, beta, idioVol * idioVol, alpha, garchBeta, volume, burst);
    }

    /** SPY: the market itself plus a trace of tracking noise. */
    static SymbolProfile spy() {
        return new SymbolProfile(Seeds.SPY, 470, 1.0, 0.0006 * 0.0006, 0.05, 0.9, 7e7, 0);
    }

    /** QQQ: a higher-beta index, 1.15 x the market plus a little of its own noise. */
    static SymbolProfile qqq() {
        return new SymbolProfile(Seeds.QQQ, 400, 1.15, 0.003 * 0.003, 0.05, 0.9, 4e7, 0);
    }

    double garchOmega() {
        return idioVariance * (1 - garchAlpha - garchBeta);
    }
}
