package autotrader.market.csv;

import autotrader.market.Bar;
import autotrader.market.BadMarketDataException;
import autotrader.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * daily-file date (those rules live in {@link RecordedMarket}, shared with the Parquet bar store). Bad rows are logged, kept in {@link #problems()} and skipped; so is a bad file
 * (unreadable, or a needed column missing: every file's header is checked at creation, so its
 * symbol is not offered). A folder without a single usable bar is a {@link BadMarketDataException}.
 */
public final class CsvMarket extends RecordedMarket {

    private static final Logger LOG = LoggerFactory.getLogger(CsvMarket.class);
    private static final Pattern INTRADAY_FILE = Pattern.compile("(?i)(.+)_([15])min\\.csv(\\.gz)?");
    private static final Pattern CSV_FILE = Pattern.compile("(?i)(.+?)\\.csv(\\.gz)?");

    private final Path folder;
    private final SessionClock clock = new SessionClock(calendar);
    private final ProblemLog problems = new ProblemLog();
    private final BarFileReader reader = new BarFileReader(clock, problems);

    private final Map<String, BarSeries> indexedDaily = new ConcurrentHashMap<>();
    private final Map<String, List<Path>> singleSymbolDaily = new TreeMap<>();
    private final Map<String, Path> oneMinuteFiles = new TreeMap<>();
    private final Map<String, Path> fiveMinuteFiles = new TreeMap<>();
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
        super(benchmarks);
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BadMarketDataException("market data folder " + (folder == null ? null : folder.toAbsolutePath()) + " does not exist");
        }
        this.folder = folder;
        long t0 = System.nanoTime();
        scanDaily(folder.resolve("daily"));
        scanIntraday(folder.resolve("intraday"));
        Set<String> held = new TreeSet<>(indexedDaily.keySet());
        held.addAll(singleSymbolDaily.keySet());
        held.addAll(oneMinuteFiles.keySet());
        held.addAll(fiveMinuteFiles.keySet());
        if (held.isEmpty()) throw noUsableBars();
        offer(held);
        LOG.info("{}: {} symbols ({} in the universe), {} bad rows or files so far, indexed in {} ms", folder, held.size(),
                universe().size(), problems.all().size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Every row skipped so far, with file and line. Files read lazily add theirs when first read. */
    public List<LoadProblem> problems() {
        return problems.all();
    }

    @Override
    public String name() {
        return "csv " + folder;
    }

    /**
     * The bars of one symbol exactly as its files record them: 1d from the daily files, 1m and 5m
     * from the intraday files (regular session, bad rows skipped and reported); nothing is
     * aggregated. What the bar store imports. Empty for any other timeframe.
     */
    public List<Bar> recorded(String symbol, Timeframe tf) {
        if (!has(symbol)) return List.of();
        return switch (tf) {
            case D1 -> daily(symbol).toBars();
            case M1, M5 -> recordedIntraday(symbol, tf).toBars();
            default -> List.of();
        };
    }

    @Override
    protected BarSeries recordedDaily(String s) {
        List<BarSeries> sources = new ArrayList<>();
        BarSeries indexed = indexedDaily.get(s);
        if (indexed != null) sources.add(indexed);
        for (Path f : singleSymbolDaily.getOrDefault(s, List.of())) {
            BarSeries one = reader.readDaily(f, s).get(s);
            if (one != null) sources.add(one);
        }
        if (sources.isEmpty()) return BarSeries.EMPTY;
        return sources.size() == 1 ? sources.get(0) : BarSeries.merge(sources);
    }

    @Override
    protected BarSeries recordedIntraday(String symbol, Timeframe tf) {
        Path file = (tf == Timeframe.M1 ? oneMinuteFiles : fiveMinuteFiles).get(symbol);
        return file == null ? BarSeries.EMPTY : reader.readIntraday(file, tf.minutes());
    }

    @Override
    protected boolean hasIntraday(String symbol) {
        return oneMinuteFiles.containsKey(symbol) || fiveMinuteFiles.containsKey(symbol);
    }

    /** Every file is read once (intraday files only to their last line). */
    @Override
    protected long latestEndSec() {
        long latest = Long.MIN_VALUE;
        for (String s : symbols()) latest = Math.max(latest, daily(s).lastEndSec());
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
        return latest;
    }

    @Override
    protected BadMarketDataException noUsableBars() {
        return problems.noUsableBars(folder, csvFilesSeen);
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
