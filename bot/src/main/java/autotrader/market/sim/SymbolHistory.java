package autotrader.market.sim;

import autotrader.market.Bar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import java.util.stream.IntStream;
/**
 * The cheap day-by-day path of one simulated symbol from the start date: each session's open and
 * close (overnight gap, then beta x market + idiosyncratic GARCH move + any burst), its
 * idiosyncratic variance and volume level. The minute bars of a day are generated later, on
 * demand, as a bridge between that open and close. Once a day's minutes have been generated its
 * high, low and volume are kept here, so the daily bars stay available without keeping minutes.
 * Prices are stored as cents in ints to keep years of 1,455 symbols small.
 */
final class SymbolHistory {

    /** A burst planned for one day, in minutes from the open. */
    record BurstPlan(int startMinute, int minutes, double drift, double volumeMultiple) {
    }

    /** Everything the minute generator needs about one day. */
    record DayPlan(int day, double open, double close, double idioVariance, double volume, BurstPlan burst) {
    }

    private static final double CENTS = 100.0;

    private final long seed;
    final SymbolProfile profile;
    private final MarketFactor market;
    private final TradingDays days;

    private int[] openCents = new int[0], closeCents = new int[0], highCents = new int[0], lowCents = new int[0];
    private float[] idioVariance = new float[0];
    private float[] plannedVolume = new float[0];
    private long[] volume = new long[0];
    private final Map<Integer, BurstPlan> bursts = new HashMap<>();
    private int size;
    private double nextIdioVariance;
    private double lastIdioShock;

    SymbolHistory(long seed, SymbolProfile profile, MarketFactor market, TradingDays days) {
        this.seed = seed;
        this.profile = profile;
        this.market = market;
        this.days = days;
        this.nextIdioVariance = profile.idioVariance();
    }

    synchronized DayPlan plan(int day) {
        ensure(day);
        return new DayPlan(day, openCents[day] / CENTS, closeCents[day] / CENTS, idioVariance[day],
                plannedVolume[day], bursts.get(day));
    }

    synchronized BurstPlan burst(int day) {
        ensure(day);
        return bursts.get(day);
    }

    /** Days in from..to whose high/low/volume are not known yet (their minutes were never generated). */
    synchronized int[] missingSummaries(int from, int to) {
        ensure(to);
        return IntStream.rangeClosed(from, to).filter(d -> highCents[d] == 0).toArray();
    }

    synchronized void storeSummary(int day, MinuteDay minutes) {
        if (highCents[day] != 0) return;
        double hi = 0, lo = Double.MAX_VALUE, vol = 0;
        for (int k = 0; k < minutes.minutes(); k++) {
            hi = Math.max(hi, minutes.high[k]);
            lo = Math.min(lo, minutes.low[k]);
            vol += minutes.volume[k];
        }
        highCents[day] = (int) Math.round(hi * CENTS);
        lowCents[day] = (int) Math.round(lo * CENTS);
        volume[day] = (long) vol;
    }

    /** Daily bars from..to; every day in the range must have its summary stored. */
    synchronized List<Bar> dailyBars(int from, int to) {
        List<Bar> out = new ArrayList<>(Math.max(0, to - from + 1));
        for (int d = from; d <= to; d++) {
            out.add(new Bar(Instant.ofEpochSecond(days.openSec(d)), Instant.ofEpochSecond(days.closeSec(d)),
                    openCents[d] / CENTS, highCents[d] / CENTS, lowCents[d] / CENTS, closeCents[d] / CENTS, volume[d]));
        }
        return out;
    }

    private void ensure(int day) {
        while (size <= day) {
            if (size == openCents.length) grow();
            step(size);
            size++;
        }
    }

    private void step(int d) {
        SplittableRandom rnd = Seeds.random(seed, profile.seedKey(), d, Seeds.DAILY);
        double h = nextIdioVariance;
        double prevClose = d == 0 ? round(profile.basePrice()) : closeCents[d - 1] / CENTS;
        double gapIdio = Math.sqrt(h * MarketFactor.GAP_SHARE) * rnd.nextGaussian();
        double intraIdio = Math.sqrt(h * (1 - MarketFactor.GAP_SHARE)) * rnd.nextGaussian();
        // A gentle pull back towards the base price keeps years of simulation inside ~$1..$2,000.
        double pull = -0.002 * Math.log(prevClose / profile.basePrice());
        BurstPlan yesterday = d == 0 ? null : bursts.get(d - 1);
        double followThrough = yesterday == null ? 0 : 0.25 * yesterday.drift() * rnd.nextDouble();

        BurstPlan burst = null;
        if (rnd.nextDouble() < profile.burstProbability()) {
            int n = days.minutes(d);
            int len = Math.min(30 + rnd.nextInt(91), n - 10);
            int start = rnd.nextInt(n - len + 1);
            double drift = (rnd.nextDouble() < 0.75 ? 1 : -1) * (0.03 + 0.05 * rnd.nextDouble());
            burst = new BurstPlan(start, len, drift, 3 + 5 * rnd.nextDouble());
            bursts.put(d, burst);
        }
        double beta = profile.beta();
        double gap = beta * market.gap(d) + gapIdio + pull;
        double intra = beta * market.intraday(d) + intraIdio + followThrough + (burst == null ? 0 : burst.drift());

        int open = Math.max(100, (int) Math.round(prevClose * Math.exp(gap) * CENTS));
        int close = Math.max(100, (int) Math.round(open * Math.exp(intra)));
        openCents[d] = open;
        closeCents[d] = close;
        idioVariance[d] = (float) h;
        // Busy days are big-move days: volume rises with the size of the move against its usual size.
        double typical = Math.sqrt(beta * beta * market.variance(d) + h);
        double surprise = Math.abs(gap + intra) / typical;
        plannedVolume[d] = (float) (profile.baseVolume() * Math.exp(0.25 * rnd.nextGaussian() - 0.03) * (0.6 + 0.4 * surprise));

        lastIdioShock = gapIdio + intraIdio;
        nextIdioVariance = profile.garchOmega() + profile.garchAlpha() * lastIdioShock * lastIdioShock + profile.garchBeta() * h;
    }

    private static double round(double price) {
        return Math.round(price * CENTS) / CENTS;
    }

    private void grow() {
        int n = Math.max(512, openCents.length * 2);
        openCents = Arrays.copyOf(openCents, n);
        closeCents = Arrays.copyOf(closeCents, n);
        highCents = Arrays.copyOf(highCents, n);
        lowCents = Arrays.copyOf(lowCents, n);
        idioVariance = Arrays.copyOf(idioVariance, n);
        plannedVolume = Arrays.copyOf(plannedVolume, n);
        volume = Arrays.copyOf(volume, n);
    }
}
