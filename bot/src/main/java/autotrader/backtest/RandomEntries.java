package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.orders.OrderType;
import autotrader.orders.Side;
import autotrader.orders.paper.PaperBook;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.scan.Candidate;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The "random entries, same exits" baseline: what the strategy's trades would have made had the
 * model picked a symbol at random from the same scan. For each of the strategy's round trips one
 * draw takes a seeded random symbol from the candidates of the scan at or before the trip's entry
 * decision, buys it at the same moment with the same fill model (next bar's open plus slippage,
 * commission) for the same notional, and exits it
 * <ul>
 * <li>{@link ExitRule#BRACKET} when the real entry carried a stop-loss and/or take-profit and left by
 *     one of them (or was still open at the end): the same bracket rebuilt for the drawn symbol.
 *     The rules set the stop as a multiple of the symbol's volatility, so the real stop's distance
 *     is rescaled by the drawn symbol's 20-day realised volatility over the real symbol's (both
 *     from daily bars up to the decision); the target keeps the real trade's reward-to-risk
 *     ratio. Played bar by bar like the paper broker: the legs wake on the bar after the entry's,
 *     the stop is tried before the target on a bar that touches both.</li>
 * <li>{@link ExitRule#MATCHED_HOLDING} otherwise (a market exit, a trailing stop): sold at the open
 *     of the bar on which the real trade was sold, the same holding period.</li>
 * </ul>
 * A trade still open at the end is marked at the last close without exit costs, as the strategy's.
 * Everything the model contributed is thus replaced by chance, everything else (timing of entries,
 * sizing, exits, costs) is kept: the gap to the strategy is the model's selection skill.
 */
public final class RandomEntries {

    public static final int DEFAULT_DRAWS = 20;
    static final int VOL_LOOKBACK = 20;

    public enum ExitRule { BRACKET, MATCHED_HOLDING }

    /**
     * One strategy trade as the draws need it: the trip, the time its entry was decided (the entry
     * order's placement), the symbols of that cycle's scan, and the real bracket (NaN for a leg
     * that was not there).
     */
    public record Entry(RoundTrip trip, Instant decidedAt, List<String> candidates, double stopPrice, double targetPrice, ExitRule exit) {
    }

    /** One draw: its trades, its account's equity at each close, and the two measures compared. */
    public record Draw(List<RoundTrip> trips, double[] equity, double sharpe, double meanTradeReturn, int skipped) {
    }

    /**
     * Distribution of one measure over the draws, and where the strategy falls in it: its
     * percentile (the share of draws below it, ties counted half) and the rank p-value
     * (1 + draws at or above it) / (1 + draws), the chance of doing as well by random picks.
     */
    public record Summary(int draws, double mean, double p5, double p50, double p95, double strategy, double strategyPercentile,
                          double rankPValue) {
    }

    public record Result(int draws, long seed, int entries, int bracketExits, int matchedExits, List<Draw> drawList, double[] meanEquity) {

        public Summary sharpe(double strategy) {
            return summary(strategy, Draw::sharpe);
        }

        public Summary meanTradeReturn(double strategy) {
            return summary(strategy, Draw::meanTradeReturn);
        }

        /** Every closed trade of every draw (for the interval of the mean trade return). */
        public double[] closedTradeReturns() {
            return drawList.stream().flatMap(d -> RoundTrips.closed(d.trips()).stream()).mapToDouble(RoundTrip::returnPct).toArray();
        }

        private Summary summary(double strategy, ToDoubleFunction<Draw> measure) {
            List<Double> v = drawList.stream().map(measure::applyAsDouble).toList();
            double[] s = Bootstrap.sortedFinite(v);
            if (s.length == 0) return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, strategy, Double.NaN, Double.NaN);
            double below = 0;
            int atOrAbove = 0;
            for (double x : s) {
                if (x < strategy) below++;
                else if (x == strategy) below += 0.5;
                if (x >= strategy) atOrAbove++;
            }
            boolean known = Double.isFinite(strategy);
            return new Summary(s.length, Arrays.stream(s).average().orElse(Double.NaN), Bootstrap.quantile(s, 0.05),
                    Bootstrap.quantile(s, 0.5), Bootstrap.quantile(s, 0.95), strategy, known ? 100.0 * below / s.length : Double.NaN,
                    known ? (1.0 + atOrAbove) / (1.0 + s.length) : Double.NaN);
        }
    }

    private final MarketData market;
    private final MarketCalendar calendar;
    private final PaperFillModel model;
    private final Timeframe fillTimeframe;
    private final List<Timeframe> fillTimeframes;
    private final Map<PriceKey, Double> closeCache = new HashMap<>();

    private record PriceKey(String symbol, Instant at) {
    }

    public RandomEntries(MarketData market, MarketCalendar calendar, PaperFillModel model, Timeframe fillTimeframe) {
        this.market = market;
        this.calendar = calendar;
        this.model = model;
        this.fillTimeframe = fillTimeframe;
        this.fillTimeframes = PaperBroker.fillTimeframes(fillTimeframe);
    }

    /**
     * The strategy's trades with what the draws need, read from the run's state db: the scans the
     * loop stored and the paper broker's bracket legs (children of the entry order).
     */
    public static List<Entry> entries(Store store, List<Fill> fills, List<RoundTrip> trips) {
        TreeMap<Instant, Long> scans = new TreeMap<>();
        store.scans().runTimes().forEach(r -> scans.put(r.asOf(), r.id()));
        Map<Long, List<String>> candidates = new HashMap<>();
        PaperBook book = new PaperBook(store.jdbi());
        List<Entry> out = new ArrayList<>();
        for (RoundTrip t : trips) {
            Fill entry = fills.stream().filter(f -> f.side() == Side.BUY && f.symbol().equals(t.symbol()) && f.filledAt().equals(t.entryAt()))
                    .findFirst().orElse(null);
            if (entry == null) continue;
            var scan = scans.floorEntry(entry.placedAt());
            if (scan == null) continue;
            List<String> pool = candidates.computeIfAbsent(scan.getValue(),
                    id -> store.scans().candidates(id).stream().map(Candidate::symbol).toList());
            if (pool.isEmpty()) continue;
            double[] legs = {Double.NaN, Double.NaN};
            for (PaperBook.Leg r : book.legs(entry.orderId())) {
                if ("STOP".equals(r.orderType()) && r.stopPrice() != null) legs[0] = Double.parseDouble(r.stopPrice());
                if ("LIMIT".equals(r.orderType()) && r.limitPrice() != null) legs[1] = Double.parseDouble(r.limitPrice());
            }
            boolean byLeg = t.exitReason().equals("stop-loss") || t.exitReason().equals("take-profit") || t.open();
            boolean hasLeg = Double.isFinite(legs[0]) || Double.isFinite(legs[1]);
            out.add(new Entry(t, entry.placedAt(), pool, legs[0], legs[1], byLeg && hasLeg ? ExitRule.BRACKET : ExitRule.MATCHED_HOLDING));
        }
        return out;
    }

    /**
     * {@code draws} seeded draws over the entries. {@code days}: the run's sessions (one equity point
     * per close); {@code cash}: the starting cash of each draw's account; Sharpe over {@code riskFreeRate} like the strategy's.
     */
    public Result run(List<Entry> entries, List<LocalDate> days, double cash, int draws, long seed, double riskFreeRate) {
        if (draws < 1) throw new IllegalArgumentException("random draws must be at least 1, not " + draws);
        Random rnd = new Random(seed);
        Instant end = calendar.closeInstant(days.get(days.size() - 1));
        List<Draw> out = new ArrayList<>();
        for (int k = 0; k < draws; k++) {
            List<Sim> sims = new ArrayList<>();
            int skipped = 0;
            for (Entry e : entries) {
                String symbol = e.candidates().get(rnd.nextInt(e.candidates().size()));
                Optional<Sim> s = simulate(e, symbol, end);
                if (s.isPresent()) sims.add(s.get());
                else skipped++;
            }
            double[] equity = equity(sims, days, cash);
            List<RoundTrip> trips = sims.stream().map(Sim::trip).toList();
            out.add(new Draw(trips, equity, Metrics.sharpe(Metrics.dailyReturns(equity), riskFreeRate), Metrics.trades(RoundTrips.closed(trips)).avgReturn(),
                    skipped));
        }
        int bracket = (int) entries.stream().filter(e -> e.exit() == ExitRule.BRACKET).count();
        return new Result(draws, seed, entries.size(), bracket, entries.size() - bracket, out, meanCurve(out, days.size(), cash));
    }

    /** A simulated trade and its entry commission (the exit commission is inside the trip's total). */
    record Sim(RoundTrip trip, double entryCommission) {
    }

    private record Exit(double price, Instant at, String reason) {
    }

    /** One random trade, or empty when the drawn symbol has no price to enter on (no bar, a notional below one share). */
    Optional<Sim> simulate(Entry e, String symbol, Instant end) {
        RoundTrip real = e.trip();
        double ref = lastPrice(symbol, e.decidedAt());
        if (!(ref > 0)) return Optional.empty();
        long qty = (long) Math.floor(real.quantity() * real.entryPrice() / ref);
        if (qty <= 0) return Optional.empty();
        Bar[] entryBar = new Bar[1];
        forEachBar(symbol, e.decidedAt(), end, b -> {
            entryBar[0] = b;
            return true;
        });
        if (entryBar[0] == null) return Optional.empty();
        double entryPx = fill(OrderType.MARKET, Side.BUY, null, null, entryBar[0]).orElseThrow();
        double entryC = model.commission(qty).doubleValue();
        Instant entryAt = entryBar[0].start();

        Exit[] exit = new Exit[1];
        if (e.exit() == ExitRule.BRACKET) {
            double scale = volatilityRatio(symbol, real.symbol(), e.decidedAt());
            double realRef = lastPrice(real.symbol(), e.decidedAt());
            BigDecimal stop = Double.isFinite(e.stopPrice()) && realRef > 0 ? cents(ref * (1 - (1 - e.stopPrice() / realRef) * scale)) : null;
            BigDecimal target = Double.isFinite(e.targetPrice()) && realRef > 0 ? cents(ref * (1 + (e.targetPrice() / realRef - 1) * scale)) : null;
            forEachBar(symbol, entryBar[0].end(), end, b -> {
                Optional<Double> s = stop == null ? Optional.empty() : fill(OrderType.STOP, Side.SELL, null, stop, b);
                if (s.isPresent()) {
                    exit[0] = new Exit(s.get(), b.start(), "stop-loss");
                    return true;
                }
                Optional<Double> t = target == null ? Optional.empty() : fill(OrderType.LIMIT, Side.SELL, target, null, b);
                t.ifPresent(px -> exit[0] = new Exit(px, b.start(), "take-profit"));
                return t.isPresent();
            });
        } else if (!real.open()) {
            forEachBar(symbol, real.exitAt(), end, b -> {
                exit[0] = new Exit(fill(OrderType.MARKET, Side.SELL, null, null, b).orElseThrow(), b.start(), "matched exit");
                return true;
            });
        }
        if (exit[0] == null) {
            double last = closeAt(symbol, end);
            if (!Double.isFinite(last)) return Optional.empty();
            return Optional.of(new Sim(RoundTrip.of(symbol, entryAt, end, qty, entryPx, last, entryC, 0, "open at end", Double.NaN, true), entryC));
        }
        double exitC = model.commission(qty).doubleValue();
        return Optional.of(new Sim(RoundTrip.of(symbol, entryAt, exit[0].at(), qty, entryPx, exit[0].price(), entryC, exitC, exit[0].reason(),
                Double.NaN, false), entryC));
    }

    private Optional<Double> fill(OrderType type, Side side, BigDecimal limit, BigDecimal stop, Bar bar) {
        return model.fillPrice(new PaperFillModel.Working(type, side, limit, stop, null), bar, null).map(BigDecimal::doubleValue);
    }

    private static BigDecimal cents(double price) {
        return BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
    }

    /** The longest window of bars {@link #forEachBar} reads at once. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(31);

    /**
     * Calls {@code until} with each bar of the fill timeframe that starts at or after {@code from} and
     * ends by {@code end}, in time order, until it returns true. Read a month at a time, so an
     * intraday history is never loaded whole.
     */
    private void forEachBar(String symbol, Instant from, Instant end, Predicate<Bar> until) {
        Timeframe tf = timeframeOf(symbol, end);
        // Windows of one day, then two, four, ... up to 31: the entry is the first bar after the decision and most
        // exits come within days, so a trade reads a few hundred bars rather than a month of minutes. Each window
        // asks for more bars than it can hold (calendar minutes), so no bar between from and end is skipped.
        Duration window = Duration.ofDays(1);
        Instant lastStart = null;
        for (Instant we = from.plus(window); ; we = we.plus(window)) {
            Instant asOf = we.isAfter(end) ? end : we;
            long perWindow = window.toMinutes() / Math.max(1, tf.nominal().toMinutes()) + 2;
            window = window.multipliedBy(2).compareTo(LONGEST_WINDOW) < 0 ? window.multipliedBy(2) : LONGEST_WINDOW;
            for (Bar b : market.bars(symbol, tf, asOf, (int) Math.min(perWindow, 50_000))) {
                if (b.start().isBefore(from) || (lastStart != null && !b.start().isAfter(lastStart))) continue;
                lastStart = b.start();
                if (until.test(b)) return;
            }
            if (!asOf.isBefore(end)) return;
        }
    }

    /** The last price known at {@code t}: the close of the last completed bar of the fill timeframe (the price a plan is made at). */
    private double lastPrice(String symbol, Instant t) {
        List<Bar> b = market.bars(symbol, timeframeOf(symbol, t), t, 1);
        return b.isEmpty() ? Double.NaN : b.get(0).close();
    }

    /**
     * The bars a symbol fills on, as the paper broker does: the fill timeframe where the symbol has
     * bars of it by {@code t}, else its finest coarser intraday one (a symbol recorded only in
     * 5-minute files, in a replay that fills on 1-minute bars).
     */
    private Timeframe timeframeOf(String symbol, Instant t) {
        for (Timeframe tf : fillTimeframes) if (!market.bars(symbol, tf, t, 1).isEmpty()) return tf;
        return fillTimeframe;
    }

    private double closeAt(String symbol, Instant t) {
        return closeCache.computeIfAbsent(new PriceKey(symbol, t), k -> {
            List<Bar> b = market.bars(symbol, Timeframe.D1, t, 1);
            return b.isEmpty() ? Double.NaN : b.get(0).close();
        });
    }

    /** Drawn symbol's volatility over the real symbol's (1 when either is unknown or zero: the real distance is kept). */
    private double volatilityRatio(String drawn, String real, Instant t) {
        if (drawn.equals(real)) return 1;
        double a = realisedVolatility(drawn, t), b = realisedVolatility(real, t);
        return a > 0 && b > 0 ? a / b : 1;
    }

    /** Sample standard deviation of the last {@link #VOL_LOOKBACK} daily log returns completed by {@code t}. */
    private double realisedVolatility(String symbol, Instant t) {
        List<Bar> bars = market.bars(symbol, Timeframe.D1, t, VOL_LOOKBACK + 1);
        if (bars.size() < 3) return Double.NaN;
        double[] r = new double[bars.size() - 1];
        for (int i = 1; i < bars.size(); i++) r[i - 1] = Math.log(bars.get(i).close() / bars.get(i - 1).close());
        double m = Metrics.mean(r), v = 0;
        for (double x : r) v += (x - m) * (x - m);
        return Math.sqrt(v / (r.length - 1));
    }

    /**
     * A draw's account at each close: starting cash, minus each entry's cost from the close after its
     * fill, plus its proceeds from the close after its exit, and its mark at the closes in between.
     * Each trade touches only the sessions it was held, so long runs with many trades stay cheap.
     */
    private double[] equity(List<Sim> sims, List<LocalDate> days, double cash) {
        int n = days.size();
        Instant[] closes = new Instant[n];
        for (int i = 0; i < n; i++) closes[i] = calendar.closeInstant(days.get(i));
        double[] flows = new double[n + 1], marks = new double[n];
        for (Sim s : sims) {
            RoundTrip t = s.trip();
            int in = firstCloseAtOrAfter(closes, t.entryAt());
            int out = t.open() ? n : firstCloseAtOrAfter(closes, t.exitAt());
            flows[in] -= t.quantity() * t.entryPrice() + s.entryCommission();
            if (!t.open()) flows[out] += t.quantity() * t.exitPrice() - (t.commissions() - s.entryCommission());
            for (int i = in; i < Math.min(out, n); i++) {
                double px = closeAt(t.symbol(), closes[i]);
                marks[i] += t.quantity() * (Double.isFinite(px) ? px : t.entryPrice());
            }
        }
        double[] equity = new double[n];
        double c = cash;
        for (int i = 0; i < n; i++) {
            c += flows[i];
            equity[i] = c + marks[i];
        }
        return equity;
    }

    /** Index of the first close at or after {@code t} ({@code closes.length} when none). */
    private static int firstCloseAtOrAfter(Instant[] closes, Instant t) {
        int lo = 0, hi = closes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (closes[mid].isBefore(t)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The average draw: an account earning each day the mean of the draws' daily returns (the baseline compared day by day). */
    private static double[] meanCurve(List<Draw> draws, int days, double cash) {
        double[] out = new double[days];
        out[0] = cash;
        for (int i = 1; i < days; i++) {
            double r = 0;
            for (Draw d : draws) r += d.equity()[i] / d.equity()[i - 1] - 1;
            out[i] = out[i - 1] * (1 + (draws.isEmpty() ? 0 : r / draws.size()));
        }
        return out;
    }
}
