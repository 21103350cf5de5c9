package autotrader.market.sim;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, symbol, day, purpose). Every simulated value is
 * drawn from the stream of its own key, never from a shared generator, so the bars do not depend
 * on the order in which they were asked for or on what was cached.
 */
final class Seeds {

    static final long MARKET = -1, SPY = -2, QQQ = -3;
    static final long DAILY = 0, MINUTES = 1, PROFILE = 2;

    private Seeds() {
    }

    static SplittableRandom random(long seed, long symbol, long day, long purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ (symbol * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L));
        h = mix(h ^ (day * 0x94D049BB133111EBL + 0x85157AF5L));
        h = mix(h ^ (purpose * 0x2545F4914F6CDD1DL + 0x1B873593L));
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser: a cheap, well-mixing 64-bit bijection. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
