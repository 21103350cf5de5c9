package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.BadMarketDataException;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recorded bars from a folder laid out like {@code shared/data}:
 * <ul>
 * <li>{@code daily/**.csv[.gz]} with a symbol column ({@code date,open,high,low,close,volume,Name}):
 * many symbols in one file, indexed once when the market is created;</li>
 * <li>{@code daily/**.csv[.gz]} without one ({@code Date,Open,High,Low,Close,Adj Close,Volume}): one
 * symbol, named by the file, read on first use;</li>
 * <li>{@code intraday/**&#47;<SYM>_1min.csv[.gz]} and {@code <SYM>_5min.csv[.gz]}
 * ({@code datetime,open,high,low,close,volume}, naive New York time, labelled by bar start), read on
 * first use and kept in an LRU of {@value #CACHED_INTRADAY_SYMBOLS} symbols.</li>
 * </ul>
 * Only regular-session intraday bars are used. 5m, 30m, 1h, 6h and 1d are aggregated from 1m
 * where a session has 1m data, otherwise from 5m (and then 1m is not available). The daily
 * timeframe uses the daily files where they cover the date, and intraday sessions after the last
 * daily-file date. Bad rows are logged, kept in {@link #problems()} and skipped; so is a bad file
 * (unreadable, or a needed column missing: every file's header is checked at creation, so its
 * symbol is not offered). A folder without a single usable bar is a {@link BadMarketDataException}.
 */
public final class CsvMarket implements MarketData {

    private static final Logger LOG = LoggerFactory.getLogger(CsvMarket.class);
    // Every symbol of ../shared/data's intraday folders (102) fits, so a 5-minute replay parses each file once:
    // at 48 the LRU held fewer than a scan touches, and each cycle re-read and re-parsed them (scan 2.9 s -> 7 ms).
    static final int CACHED_INTRADAY_SYMBOLS = 256;
    private static final Pattern INTRADAY_FILE = Pattern.compile("(?i)(.+)_([15])min\\.csv(\\.gz)?");
    private static final Pattern CSV_FILE = Pattern.compile("(?i)(.+?)\\.csv(\\.gz)?");

    private final Path folder;
    private final Set<String> benchmarks;
    private final MarketCalendar calendar = MarketCalendar.nyse();
    private final BarAggregator aggregator = new BarAggregator(calendar);
    private final SessionClock clock = new SessionClock(calendar);
    private final ProblemLog problems = new ProblemLog();
    private final BarFileReader reader = new BarFileReader(clock, problems);
    private final HistoryGaps gaps = new HistoryGaps(calendar);

    private final Map<String, BarSeries> indexedDaily = new ConcurrentHashMap<>();
    private final Map<String, List<Path>> singleSymbolDaily = new TreeMap<>();
    private final Map<String, Path> oneMinuteFiles = new TreeMap<>();
    private final Map<String, Path> fiveMinuteFiles = new TreeMap<>();
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
    private final List<String> universe;
    private volatile Instant lastAvailable;
    private int csvFilesSeen;

    /** A market of the CSV files under {@code folder}, with SPY and QQQ as benchmarks. */
    public CsvMarket(Path folder) {
        this(folder, Set.of("SPY", "QQQ"));
    }

    /**
     * @param benchmarks symbols that are readable but left out of {@link #universe()}
     * @throws BadMarketDataException when the folder does not exist or no file in it is usable
     */
    public CsvMarket(Path folder, Set<String> benchmarks) {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadMarketDataException("market data folder " + (folder == null ? null : folder.toAbsolutePath()) + " does not exist");
        }
        this.folder = folder;
        this.benchmarks = benchmarks.stream().map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        long t0 = System.nanoTime();
        scanDaily(folder.resolve("daily"));
        scanIntraday(folder.resolve("intraday"));
        symbols.addAll(indexedDaily.keySet());
        symbols.addAll(singleSymbolDaily.keySet());
        symbols.addAll(oneMinuteFiles.keySet());
        symbols.addAll(fiveMinuteFiles.keySet());
        this.universe = symbols.stream().filter(s -> !this.benchmarks.contains(s)).toList();
        if (symbols.isEmpty()) throw noUsableBars();
        LOG.info("{}: {} symbols ({} in the universe), {} bad rows or files so far, indexed in {} ms", folder, symbols.size(),
                universe.size(), problems.all().size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Every row skipped so far, with file and line. Files read lazily add theirs when first read. */
    public List<LoadProblem> problems() {
        return problems.all();
    }

    @Override
    public String name() {
        return "csv " + folder;
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

    /**
     * The end of the latest bar in any file. Computed on first call by reading every file once
     * (intraday files only to their last line), then kept.
     */
    @Override
    public Instant lastAvailable() {
        Instant known = lastAvailable;
        if (known != null) return known;
        long latest = Long.MIN_VALUE;
        for (String s : symbols) latest = Math.max(latest, daily(s).lastEndSec());
        for (Map<String, Path> files : List.of(oneMinuteFiles, fiveMinuteFiles)) {
            int minutes = files == oneMinuteFiles ? 1 : 5;
            for (Path f : files.values()) {
                long local = reader.lastLocalTime(f);
                if (local == Long.MIN_VALUE) continue;
                long day = Math.floorDiv(local, 86_400);
                long start = clock.of(day).openSec() + (local - day * 86_400 - (9 * 3600 + 30 * 60));
                latest = Math.max(latest, start + minutes * 60L);
            }
        }
        // No file had a bar: there is no "end of the data" (the epoch here once made a scan "as of 1969").
        if (latest == Long.MIN_VALUE) throw noUsableBars();
        known = Instant.ofEpochSecond(latest);
        lastAvailable = known;
        return known;
    }

    private BadMarketDataException noUsableBars() {
        return problems.noUsableBars(folder, csvFilesSeen);
    }

    private List<Bar> dailyBars(String symbol, Instant asOf, int count) {
        BarSeries daily = daily(symbol);
        boolean hasIntraday = oneMinuteFiles.containsKey(symbol) || fiveMinuteFiles.containsKey(symbol);
        // Intraday files are only opened when asked about a time after the daily files end.
        if (!hasIntraday || asOf.getEpochSecond() <= daily.lastEndSec() || beforeIntraday(symbol, asOf)) return daily.lastBars(asOf, count);
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

    /** The symbol's bars from all daily files (an empty series when it has none). */
    private BarSeries daily(String symbol) {
        return dailyCache.computeIfAbsent(symbol, s -> {
            List<BarSeries> sources = new ArrayList<>();
            BarSeries indexed = indexedDaily.get(s);
            if (indexed != null) sources.add(indexed);
            for (Path f : singleSymbolDaily.getOrDefault(s, List.of())) {
                BarSeries one = reader.readDaily(f, s).get(s);
                if (one != null) sources.add(one);
            }
            if (sources.isEmpty()) return BarSeries.EMPTY;
            return sources.size() == 1 ? sources.get(0) : BarSeries.merge(sources);
        });
    }

    private IntradayHistory intraday(String symbol) {
        synchronized (intradayCache) {
            IntradayHistory h = intradayCache.get(symbol);
            if (h != null) return h;
        }
        Path one = oneMinuteFiles.get(symbol), five = fiveMinuteFiles.get(symbol);
        if (one == null && five == null) return null;
        long t0 = System.nanoTime();
        BarSeries m1 = one == null ? BarSeries.EMPTY : reader.readIntraday(one, 1);
        BarSeries m5 = five == null ? BarSeries.EMPTY : reader.readIntraday(five, 5);
        IntradayHistory h = new IntradayHistory(aggregator, m1, m5);
        intradayStartSec.put(symbol, Math.min(m1.isEmpty() ? Long.MAX_VALUE : m1.startSec(0), m5.isEmpty() ? Long.MAX_VALUE : m5.startSec(0)));
        LOG.debug("{}: intraday loaded ({} 1m, {} 5m bars) in {} ms", symbol, m1.size(), m5.size(), (System.nanoTime() - t0) / 1_000_000);
        synchronized (intradayCache) {
            intradayCache.put(symbol, h);
        }
        return h;
    }

    /** True when the symbol's intraday files are known to start after asOf: no intraday bar can have ended by then. */
    private boolean beforeIntraday(String symbol, Instant asOf) {
        Long first = intradayStartSec.get(symbol);
        return first != null && asOf.getEpochSecond() < first;
    }

    private void scanDaily(Path dir) {
        for (Path f : csvFiles(dir)) {
            Matcher m = CSV_FILE.matcher(f.getFileName().toString());
            if (!m.matches()) continue;
            csvFilesSeen++;
            OhlcvColumns cols = reader.columns(f);
            if (cols == null) continue;   // reported
            if (cols.symbol >= 0) {
                reader.readDaily(f, null).forEach((sym, series) -> indexedDaily.merge(sym, series,
                        (a, b) -> BarSeries.merge(List.of(a, b))));
            } else {
                singleSymbolDaily.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(f);
            }
        }
    }

    private void scanIntraday(Path dir) {
        for (Path f : csvFiles(dir)) {
            Matcher m = INTRADAY_FILE.matcher(f.getFileName().toString());
            if (!m.matches()) continue;
            csvFilesSeen++;
            if (reader.columns(f) == null) continue;   // a bad header is reported; a second file may serve
            Map<String, Path> files = m.group(2).equals("1") ? oneMinuteFiles : fiveMinuteFiles;
            Path earlier = files.putIfAbsent(m.group(1).toUpperCase(Locale.ROOT), f);
            if (earlier != null) LOG.warn("{}: a second file for the same symbol and bar size; using {}", f, earlier);
        }
    }

    /** Csv files under dir in a stable (sorted) order; none when dir does not exist. */
    private static List<Path> csvFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> CSV_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
