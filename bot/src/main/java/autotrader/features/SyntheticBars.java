package autotrader.features;

import autotrader.market.Bar;
import autotrader.market.Timeframe;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random-walk bars laid out like real regular-session bars (09:30-16:00 New York, weekdays,
 * session-aligned, the last bar of a session cut at 16:00). For the benchmark and for tests; no
 * holidays, no early closes.
 */
public final class SyntheticBars {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int SESSION_MINUTES = 390;

    private SyntheticBars() {
    }

    public static List<Bar> randomWalk(long seed, int count, Timeframe timeframe, double startPrice) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Bar> bars = new ArrayList<>(count);
        int step = timeframe == Timeframe.D1 ? SESSION_MINUTES : timeframe.minutes();
        double sigma = 0.01 * Math.sqrt(step / (double) SESSION_MINUTES);
        LocalDate day = LocalDate.of(2024, 1, 2);
        int minute = 0;
        double close = startPrice;
        while (bars.size() < count) {
            if (minute >= SESSION_MINUTES) {
                minute = 0;
                day = nextWeekday(day);
            }
            Instant sessionOpen = day.atTime(9, 30).atZone(NEW_YORK).toInstant();
            Instant start = sessionOpen.plusSeconds(minute * 60L);
            int length = Math.min(step, SESSION_MINUTES - minute);
            Instant end = start.plusSeconds(length * 60L);
            double open = close * Math.exp(sigma * 0.2 * gaussian(random));
            close = open * Math.exp(sigma * gaussian(random));
            double high = Math.max(open, close) * Math.exp(Math.abs(gaussian(random)) * sigma * 0.5);
            double low = Math.min(open, close) * Math.exp(-Math.abs(gaussian(random)) * sigma * 0.5);
            double volume = Math.rint(100_000 * Math.exp(0.5 * gaussian(random)));
            bars.add(new Bar(start, end, open, high, low, close, volume));
            minute += length;
        }
        return bars;
    }

    private static LocalDate nextWeekday(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) next = next.plusDays(1);
        return next;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
