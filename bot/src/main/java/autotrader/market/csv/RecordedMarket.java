package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Recorded bars served as a market: the rules that turn a symbol's stored daily, 1-minute and
 * 5-minute bars into every timeframe as of an instant (aggregation, the daily/intraday hand-over,
 * reading no series across a gap). A subclass says only where the recorded bars come from (csv
 * files: {@link CsvMarket}; the Parquet bar store: {@code StoreMarket}), so both serve exactly the
 * same bars from the same recordings.
 */
public abstract class RecordedMarket implements MarketData {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedMarket.class);
    // Every symbol of ../shared/data's intraday folders (102) fits, so a 5-minute replay parses each file once:
    // at 48 the LRU held fewer than a scan touches, and each cycle re-read and re-parsed them (scan 2.9 s -> 7 ms).
    static final int CACHED_INTRADAY_SYMBOLS = 256;

    protected final MarketCalendar calendar = MarketCalendar.nyse();
    private final SeriesAggregator aggregator = new SeriesAggregator(calendar, new SessionClock(calendar));
    private final HistoryGaps gaps = new HistoryGaps(calendar);
    private final Set<String> benchmarks;
    private final Map<String, BarSeries> dailyCache = new ConcurrentHashMap<>();
    private final Map<String, IntradayHistory> intradayCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IntradayHistory> eldest) {
            return size() > CACHED_INTRADAY_SYMBOLS;
        }
    };
    /**
     * Start of each symbol's first intraday bar, kept after its bars leave the cache: a read as of an
     * earlier time needs no file (a backtest of 2016 on a folder whose intraday files are from 2025
     * would otherwise reread them every cycle).
     */
    private final Map<String, Long> intradayStartSec = new ConcurrentHashMap<>();
    private final Set<String> symbols = new TreeSet<>();
    private volatile List<String> universe = List.of();
    private volatile Instant lastAvailable;

    protected RecordedMarket(Set<String> benchmarks) {
        this.benchmarks = benchmarks.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The symbols this market holds bars for (called once by the subclass's constructor). */
    protected final void offer(Collection<String> held) {
        symbols.addAll(held);
        universe = symbols.stream().filter(s -> !benchmarks.contains(s)).toList();
    }

    /** The symbol's recorded daily bars, oldest first ({@link BarSeries#EMPTY} when none). */
    protected abstract BarSeries recordedDaily(String symbol);

    /** The symbol's recorded regular-session bars of {@code tf} (1m or 5m), oldest first; EMPTY when none. */
    protected abstract BarSeries recordedIntraday(String symbol, Timeframe tf);

    /** Whether the symbol has any recorded 1-minute or 5-minute bars (asked without reading them). */
    protected abstract boolean hasIntraday(String symbol);

    /** The end (epoch seconds) of the latest recorded bar of any symbol; Long.MIN_VALUE when there is none. */
    protected abstract long latestEndSec();

    /** The error for a market without a single usable bar. */
    protected abstract RuntimeException noUsableBars();

    protected final Set<String> symbols() {
        return symbols;
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public List<String> universe() {
        return universe;
    }

    @Override
    public boolean has(String symbol) {
        return symbols.contains(symbol);
    }

    @Override
    public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
        if (!has(symbol) || count <= 0) return List.of();
        if (timeframe == Timeframe.D1) return gaps.afterLastGap(symbol, timeframe, dailyBars(symbol, asOf, count));
        if (beforeIntraday(symbol, asOf)) return List.of();
        IntradayHistory intraday = intraday(symbol);
        return intraday == null ? List.of() : gaps.afterLastGap(symbol, timeframe, intraday.series(timeframe).lastBars(asOf, count));
    }

    /** The holes in the history met so far (more than a week of sessions without a bar): no series is read across one. */
    public List<String> gaps() {
        return gaps.found().stream().map(Object::toString).sorted().toList();
    }

    /**
     * Reads the scanned symbols' files not read yet, on all cores at once, before the scan asks for
     * them one by one: a cold scan of the recorded universe is mostly reading and unzipping 100-odd
     * bar files, which one thread did alone. Later scans find everything read and return at once. A
     * file that fails here is left for the scan's own read to report.
     */
    @Override
    public void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
        boolean open = calendar.isOpen(asOf);
        List<String> unread;
        synchronized (intradayCache) {
            unread = symbols.stream().filter(s -> has(s) && (!dailyCache.containsKey(s)
                    || open && hasIntraday(s) && !intradayCache.containsKey(s))).toList();
        }
        if (unread.size() < 2) return;
        unread.parallelStream().forEach(s -> {
            try {
                daily(s);
                if (open && hasIntraday(s)) intraday(s);
            } catch (RuntimeException e) {
                LOG.debug("{}: not read ahead of the scan: {}", s, e.toString());
            }
        });
    }

    @Override
    public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
        if (!has(symbol) || !calendar.isOpen(asOf) || beforeIntraday(symbol, asOf)) return Optional.empty();
        IntradayHistory intraday = intraday(symbol);
        if (intraday == null) return Optional.empty();
        Instant open = calendar.openInstant(calendar.dateAt(asOf));
        List<Bar> today = intraday.sessionBars(open.getEpochSecond(), asOf);
        if (today.isEmpty()) return Optional.empty();
        return Optional.of(BarAggregator.merge(today, open, today.get(today.size() - 1).end()));
    }

    /** The end of the latest recorded bar, computed on first call and then kept. */
    @Override
    public Instant lastAvailable() {
        Instant known = lastAvailable;
        if (known != null) return known;
        long latest = latestEndSec();
        // No bar at all: there is no "end of the data" (the epoch here once made a scan "as of 1969").
        if (latest == Long.MIN_VALUE) throw noUsableBars();
        known = Instant.ofEpochSecond(latest);
        lastAvailable = known;
        return known;
    }

    private List<Bar> dailyBars(String symbol, Instant asOf, int count) {
        BarSeries daily = daily(symbol);
        // Intraday bars are only read when asked about a time after the daily bars end.
        if (!hasIntraday(symbol) || asOf.getEpochSecond() <= daily.lastEndSec() || beforeIntraday(symbol, asOf)) return daily.lastBars(asOf, count);
        IntradayHistory intraday = intraday(symbol);
        if (intraday == null) return daily.lastBars(asOf, count);
        List<Bar> later = new ArrayList<>();
        for (Bar b : intraday.series(Timeframe.D1).lastBars(asOf, count)) {
            if (b.start().getEpochSecond() > daily.lastEndSec()) later.add(b);
        }
        List<Bar> out = new ArrayList<>(daily.lastBars(asOf, count - later.size()));
        out.addAll(later);
        return out;
    }

    /** The symbol's recorded daily bars, read once. */
    protected final BarSeries daily(String symbol) {
        return dailyCache.computeIfAbsent(symbol, this::recordedDaily);
    }

    private IntradayHistory intraday(String symbol) {
        synchronized (intradayCache) {
            IntradayHistory h = intradayCache.get(symbol);
            if (h != null) return h;
        }
        if (!hasIntraday(symbol)) return null;
        long t0 = System.nanoTime();
        BarSeries m1 = recordedIntraday(symbol, Timeframe.M1);
        BarSeries m5 = recordedIntraday(symbol, Timeframe.M5);
        IntradayHistory h = new IntradayHistory(aggregator, m1, m5);
        intradayStartSec.put(symbol, Math.min(m1.isEmpty() ? Long.MAX_VALUE : m1.startSec(0), m5.isEmpty() ? Long.MAX_VALUE : m5.startSec(0)));
        LOG.debug("{}: intraday loaded ({} 1m, {} 5m bars) in {} ms", symbol, m1.size(), m5.size(), (System.nanoTime() - t0) / 1_000_000);
        synchronized (intradayCache) {
            intradayCache.put(symbol, h);
        }
        return h;
    }

    /** True when the symbol's intraday bars are known to start after asOf: no intraday bar can have ended by then. */
    private boolean beforeIntraday(String symbol, Instant asOf) {
        Long first = intradayStartSec.get(symbol);
        return first != null && asOf.getEpochSecond() < first;
    }
}
