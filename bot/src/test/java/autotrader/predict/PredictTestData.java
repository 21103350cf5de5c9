package autotrader.predict;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Daily bars on NYSE trading days whose log returns follow an AR(1): r[t+1] = phi * r[t] + noise. */
public final class PredictTestData {

    private PredictTestData() {
    }

    public static List<Bar> ar1Daily(long seed, int count, double phi, double sigma) {
        MarketCalendar cal = MarketCalendar.nyse();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Bar> bars = new ArrayList<>(count);
        LocalDate d = LocalDate.of(1990, 1, 2);
        double close = 100, r = 0;
        while (bars.size() < count) {
            if (cal.isTradingDay(d)) {
                r = phi * r + sigma * gaussian(rnd);
                double open = close;
                close = open * Math.exp(r);
                double high = Math.max(open, close) * (1 + 0.002 * rnd.nextDouble());
                double low = Math.min(open, close) * (1 - 0.002 * rnd.nextDouble());
                bars.add(new Bar(cal.openInstant(d), cal.closeInstant(d), open, high, low, close, 1e6 * (0.5 + rnd.nextDouble())));
            }
            d = d.plusDays(1);
        }
        return bars;
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
