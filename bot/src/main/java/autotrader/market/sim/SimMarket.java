package autotrader.market.sim;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A seeded, made-up US stock market: {@code symbols} stocks named SIM0001.. plus simulated SPY
 * and QQQ benchmarks, regular NYSE sessions only, 1-minute bars from which every other timeframe
 * is aggregated. Same seed, same bars, whatever the order of the calls.
 *
 * <p>The model: a market factor with GARCH daily variance and clustered U-shaped intraday
 * volatility; each stock = beta (0.5..1.8) x market + its own GARCH noise, with overnight gaps,
 * a U-shaped volume profile and, on a few percent of days, a momentum burst (a drift of 3-8% over
 * 30-120 minutes on 3-8x volume, see {@link #bursts}). Daily opens and closes are laid down first
 * (cheap), then each day's minutes are generated on demand as a bridge between them.
 *
 * <p>Memory stays bounded: generated minute days sit in an LRU of {@value #CACHED_MINUTE_DAYS}
 * symbol-days (about 16 KB each); only each day's high, low and volume are kept for good, so the
 * daily bars need no minutes once made. Thread-safe.
 *
 * <p>{@link #lastAvailable()} is the current wall-clock time: the simulator can produce any date
 * from the start date on, and "now" is the natural default for "as of".
 */
public final class SimMarket implements MarketData {

    static final int CACHED_MINUTE_DAYS = 4096;
    private static final int PARALLEL_FROM = 8;

    private final SimSettings settings;
    private final MarketCalendar calendar = MarketCalendar.nyse();
    private final BarAggregator aggregator = new BarAggregator(calendar);
    private final TradingDays days;
    private final MarketFactor market;
    private final List<String> universe;
    private final Map<String, Integer> indexBySymbol = new HashMap<>();
    private final SymbolHistory[] histories;
    private final Map<Long, MinuteDay> minuteCache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MinuteDay> eldest) {
            return size() > CACHED_MINUTE_DAYS;
        }
    };

    /**
     * A finished session's bars of one coarser timeframe (5m and up), kept apart from the minutes they
     * were summed from: a candidate's 100 6h bars reach back some 80 sessions, and 50 candidates' worth of
     * minute days did not fit the minute LRU, so every cycle made most of them again. A finished
     * session's buckets all end by its close and never change, and a few bars per session cost little.
     */
    private final Map<Long, List<Bar>> finishedSessionBars = new LinkedHashMap<>(4096, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Bar>> eldest) {
            return size() > CACHED_FINISHED_SESSIONS;
        }
    };
    static final int CACHED_FINISHED_SESSIONS = 16_384;

    public SimMarket(SimSettings settings) {
        this.settings = settings;
        this.days = new TradingDays(calendar, settings.startDate());
        this.market = new MarketFactor(settings.seed(), days);
        int width = Math.max(4, String.valueOf(settings.symbols()).length());
        List<String> names = new ArrayList<>(settings.symbols());
        for (int i = 1; i <= settings.symbols(); i++) names.add(String.format("SIM%0" + width + "d", i));
        this.universe = Collections.unmodifiableList(names);
        for (int i = 0; i < names.size(); i++) indexBySymbol.put(names.get(i), i);
        indexBySymbol.put("SPY", names.size());
        indexBySymbol.put("QQQ", names.size() + 1);
        this.histories = new SymbolHistory[names.size() + 2];
    }

    public SimSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "sim (SIMULATED, seed " + settings.seed() + ")";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public List<String> universe() {
        return universe;
    }

    @Override
    public boolean has(String symbol) {
        return indexBySymbol.containsKey(symbol);
    }

    @Override
    public Instant lastAvailable() {
        return Instant.now();
    }

    @Override
    public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
        int symbolIndex = index(symbol);
        if (symbolIndex < 0 || count <= 0) return List.of();
        return timeframe == Timeframe.D1 ? dailyBars(symbolIndex, asOf, count) : intradayBars(symbolIndex, timeframe, asOf, count);
    }

    @Override
    public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
        int symbolIndex = index(symbol);
        if (symbolIndex < 0 || !calendar.isOpen(asOf)) return Optional.empty();
        int day = days.indexOf(calendar.dateAt(asOf));
        if (day < 0) return Optional.empty();
        MinuteDay minutes = minutes(symbolIndex, day, true);
        int done = minutes.completedBy(asOf.getEpochSecond());
        return done == 0 ? Optional.empty() : Optional.of(minutes.summary(done));
    }

    /**
     * Makes the days the scan is about to read, symbol by symbol on all cores: each one's last
     * {@code dailyBars} daily summaries and, in a session, today's minutes. Asked one symbol at a time,
     * the scan made a symbol's ~27 days as one small parallel batch after another, and one core did most
     * of the work. The bars are the same either way (each day has its own random stream).
     */
    @Override
    public void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
        int last = days.lastClosedBy(asOf);
        int today = calendar.isOpen(asOf) ? days.indexOf(calendar.dateAt(asOf)) : -1;
        if (last < 0 && today < 0) return;
        int first = Math.max(0, last - dailyBars + 1);
        symbols.parallelStream().mapToInt(this::index).filter(i -> i >= 0).forEach(i -> {
            if (last >= 0) {
                for (int d : history(i).missingSummaries(first, last)) minutes(i, d, false);
            }
            if (today >= 0) minutes(i, today, true);
        });
    }

    /** The momentum bursts planted in that symbol on that day (none on most days, never for SPY/QQQ). */
    public List<Burst> bursts(String symbol, LocalDate day) {
        int symbolIndex = index(symbol);
        int d = days.indexOf(day);
        if (symbolIndex < 0 || d < 0) return List.of();
        SymbolHistory.BurstPlan plan = history(symbolIndex).burst(d);
        if (plan == null) return List.of();
        Instant start = Instant.ofEpochSecond(days.openSec(d) + 60L * plan.startMinute());
        return List.of(new Burst(start, start.plusSeconds(60L * plan.minutes()), plan.drift(), plan.volumeMultiple()));
    }

    private List<Bar> dailyBars(int symbolIndex, Instant asOf, int count) {
        int last = days.lastClosedBy(asOf);
        if (last < 0) return List.of();
        int first = Math.max(0, last - count + 1);
        SymbolHistory history = history(symbolIndex);
        int[] missing = history.missingSummaries(first, last);
        // Making minutes is the expensive part; a scanner's first pass asks for ~30 days per symbol.
        IntStream todo = IntStream.of(missing);
        if (missing.length >= PARALLEL_FROM) todo = todo.parallel();
        todo.forEach(d -> history.storeSummary(d, minutes(symbolIndex, d, false)));
        return history.dailyBars(first, last);
    }

    private List<Bar> intradayBars(int symbolIndex, Timeframe timeframe, Instant asOf, int count) {
        long asOfSec = asOf.getEpochSecond();
        List<List<Bar>> newestFirst = new ArrayList<>();
        int found = 0;
        for (int d = days.lastOpenedBy(asOf); d >= 0 && found < count; d--) {
            List<Bar> bars = timeframe != Timeframe.M1 && asOfSec >= days.closeSec(d)
                    ? finishedSession(symbolIndex, d, timeframe) : sessionBars(symbolIndex, d, timeframe, asOf);
            newestFirst.add(bars);
            found += bars.size();
        }
        List<Bar> out = new ArrayList<>(found);
        for (int i = newestFirst.size() - 1; i >= 0; i--) out.addAll(newestFirst.get(i));
        return out.size() <= count ? out : new ArrayList<>(out.subList(out.size() - count, out.size()));
    }

    private List<Bar> sessionBars(int symbolIndex, int day, Timeframe timeframe, Instant asOf) {
        MinuteDay minutes = minutes(symbolIndex, day, true);
        List<Bar> oneMinute = minutes.bars(minutes.completedBy(asOf.getEpochSecond()));
        return timeframe == Timeframe.M1 ? oneMinute : aggregator.aggregate(oneMinute, timeframe, asOf);
    }

    /** The bars of a session that closed by now: the same as {@link #sessionBars} at any time after its close. */
    private List<Bar> finishedSession(int symbolIndex, int day, Timeframe timeframe) {
        long key = (((long) symbolIndex << 32) | day) * Timeframe.values().length + timeframe.ordinal();
        synchronized (finishedSessionBars) {
            List<Bar> cached = finishedSessionBars.get(key);
            if (cached != null) return cached;
        }
        List<Bar> bars = List.copyOf(sessionBars(symbolIndex, day, timeframe, Instant.ofEpochSecond(days.closeSec(day))));
        synchronized (finishedSessionBars) {
            finishedSessionBars.put(key, bars);
        }
        return bars;
    }

    /**
     * One symbol-day of minutes, from the LRU or freshly made. Daily-bar summaries pass
     * {@code keep=false} so that a scan over hundreds of days does not flush the days that intraday
     * readers (today's session) keep coming back to.
     */
    private MinuteDay minutes(int symbolIndex, int day, boolean keep) {
        long key = ((long) symbolIndex << 32) | day;
        synchronized (minuteCache) {
            MinuteDay cached = minuteCache.get(key);
            if (cached != null) return cached;
        }
        SymbolHistory history = history(symbolIndex);
        MinuteDay made = MinuteGenerator.generate(settings.seed(), history.profile, history.plan(day),
                market.minutes(day), days.openSec(day));
        if (keep) {
            synchronized (minuteCache) {
                minuteCache.put(key, made);
            }
        }
        history.storeSummary(day, made);
        return made;
    }

    private SymbolHistory history(int symbolIndex) {
        synchronized (histories) {
            SymbolHistory h = histories[symbolIndex];
            if (h == null) {
                int stocks = universe.size();
                SymbolProfile profile = symbolIndex < stocks ? SymbolProfile.stock(settings.seed(), symbolIndex + 1)
                        : symbolIndex == stocks ? SymbolProfile.spy() : SymbolProfile.qqq();
                h = new SymbolHistory(settings.seed(), profile, market, days);
                histories[symbolIndex] = h;
            }
            return h;
        }
    }

    /** The symbol's slot, or -1 for a symbol this market does not list (its reads come back empty). */
    private int index(String symbol) {
        return indexBySymbol.getOrDefault(symbol, -1);
    }
}
