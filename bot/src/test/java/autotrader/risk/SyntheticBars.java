package autotrader.risk;

import autotrader.market.Bar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded market / QQQ / candidate bars with known beta, for risk tests and the bench. */
final class SyntheticBars {

    static final Instant START = Instant.parse("2025-03-03T14:30:00Z");
    static final Duration STEP = Duration.ofMinutes(5);

    final List<Bar> spy = new ArrayList<>(), qqq = new ArrayList<>(), candidate = new ArrayList<>();

    /** n bars each; candidate log return = beta * market + GARCH noise, market itself GARCH. */
    SyntheticBars(int n, double beta, long seed) {
        Random rng = new Random(seed);
        double pSpy = 500, pQqq = 400, pCand = 50;
        double hMarket = 1e-6, hIdio = 4e-6;
        for (int i = 0; i < n; i++) {
            double zm = rng.nextGaussian();
            double market = Math.sqrt(hMarket) * zm;
            double idio = Math.sqrt(hIdio) * rng.nextGaussian();
            hMarket = 1e-7 + 0.1 * market * market + 0.8 * hMarket;
            hIdio = 4e-7 + 0.1 * idio * idio + 0.8 * hIdio;
            double tech = 1.2 * market + 0.0005 * rng.nextGaussian();
            pSpy *= Math.exp(market);
            pQqq *= Math.exp(tech);
            pCand *= Math.exp(beta * market + idio);
            Instant start = START.plus(STEP.multipliedBy(i));
            spy.add(bar(start, pSpy));
            qqq.add(bar(start, pQqq));
            candidate.add(bar(start, pCand));
        }
    }

    static Bar bar(Instant start, double close) {
        return new Bar(start, start.plus(STEP), close, close * 1.001, close * 0.999, close, 1000);
    }
}
