package autotrader.ensemble;

import autotrader.market.Bar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Labels a decision by what a trade would really have done (triple barrier, López de Prado ch. 3).
 * For a decision at bar t's close: enter at bar t+1's open; leave at the first of the stop, the target
 * or the close of bar t+H. Sigma is the realised volatility of the one-bar log returns up to bar t only,
 * so the barriers are known at decision time. Both sides are evaluated; see docs/ensemble.md.
 */
public final class TradeLabeler {

    public enum ExitReason { STOP, TARGET, HORIZON }

    /** One side's simulated trade. Returns are simple returns on the entry price; net = gross - 2 x cost per leg. */
    public record Trade(double entry, double exit, int exitBar, ExitReason reason, double grossReturn, double netReturn) {}

    /**
     * @param labelEnd end time of the later exit bar of the two trades: the label depends on nothing after it
     */
    public record TradeLabel(int bar, Decision decision, double sigma, Trade longTrade, Trade shortTrade, Instant labelEnd) {}

    private final LabelSettings settings;

    public TradeLabeler(LabelSettings settings) {
        this.settings = settings;
    }

    public LabelSettings settings() {
        return settings;
    }

    /** The first bar that can be labelled: sigma needs volLookback returns ending at t. */
    public int firstLabelableBar() {
        return settings.volLookback();
    }

    /** The last bar that can be labelled in a series of {@code size} bars: bars t+1..t+H must exist. */
    public int lastLabelableBar(int size) {
        return size - 1 - settings.horizonBars();
    }

    /** The label of a decision at bar t's close, or empty when the bars before or after t are too few. */
    public Optional<TradeLabel> label(List<Bar> bars, int t) {
        if (t < firstLabelableBar() || t > lastLabelableBar(bars.size())) return Optional.empty();
        double sigma = realisedVolatility(bars, t);
        if (!(sigma > 0)) return Optional.empty();
        double entry = bars.get(t + 1).open();
        Trade longTrade = simulate(bars, t, entry, sigma, +1);
        Trade shortTrade = simulate(bars, t, entry, sigma, -1);
        Decision decision = Decision.HOLD;
        boolean longPays = longTrade.netReturn() > settings.minEdge();
        boolean shortPays = shortTrade.netReturn() > settings.minEdge();
        // Both can pay when kTarget < kStop (target reached, then the reverse move); the better side wins.
        if (longPays && (!shortPays || longTrade.netReturn() > shortTrade.netReturn())) decision = Decision.BUY;
        else if (shortPays && (!longPays || shortTrade.netReturn() > longTrade.netReturn())) decision = Decision.SELL;
        int lastBar = Math.max(longTrade.exitBar(), shortTrade.exitBar());
        return Optional.of(new TradeLabel(t, decision, sigma, longTrade, shortTrade, bars.get(lastBar).end()));
    }

    /** Sample standard deviation of the volLookback one-bar log returns ending at bar t (bars t-L..t). */
    double realisedVolatility(List<Bar> bars, int t) {
        int n = settings.volLookback();
        double sum = 0, sumSq = 0;
        for (int i = t - n + 1; i <= t; i++) {
            double r = Math.log(bars.get(i).close() / bars.get(i - 1).close());
            sum += r;
            sumSq += r * r;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
    }

    private Trade simulate(List<Bar> bars, int t, double entry, double sigma, int side) {
        double stop = entry * (1 - side * settings.kStop() * sigma);
        double target = entry * (1 + side * settings.kTarget() * sigma);
        int last = t + settings.horizonBars();
        for (int j = t + 1; j <= last; j++) {
            Bar b = bars.get(j);
            if (j > t + 1) {
                // A gap through a barrier fills at the open, not at the barrier: the order could not do better (or worse).
                if (side * (b.open() - stop) <= 0) return trade(entry, b.open(), j, ExitReason.STOP, side);
                if (side * (b.open() - target) >= 0) return trade(entry, b.open(), j, ExitReason.TARGET, side);
            }
            boolean stopHit = side > 0 ? b.low() <= stop : b.high() >= stop;
            boolean targetHit = side > 0 ? b.high() >= target : b.low() <= target;
            // Bars do not say which came first; assuming the stop is the conservative choice.
            if (stopHit) return trade(entry, stop, j, ExitReason.STOP, side);
            if (targetHit) return trade(entry, target, j, ExitReason.TARGET, side);
        }
        return trade(entry, bars.get(last).close(), last, ExitReason.HORIZON, side);
    }

    private Trade trade(double entry, double exit, int exitBar, ExitReason reason, int side) {
        double gross = side * (exit - entry) / entry;
        return new Trade(entry, exit, exitBar, reason, gross, gross - 2 * settings.costPerLeg());
    }
}
