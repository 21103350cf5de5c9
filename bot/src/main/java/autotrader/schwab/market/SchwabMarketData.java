package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.BarAggregator;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.schwab.SchwabException;
import autotrader.schwab.SchwabHttp;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Market data from Schwab ({@code market.source: schwab}) through the process's one {@link SchwabHttp}
 * client, so it shares the rate limiter and the OAuth login with the Schwab broker.
 * <ul>
 * <li>Quotes: {@link #refreshQuotes(List)} asks GET /marketdata/v1/quotes for the symbols in batches
 * ({@code ceil(n / batch)} calls); the scanner calls it once per scan through {@link #prepareScan}.
 * {@link #sessionSoFar} is built from the latest quote: today's open, high, low, last and volume.</li>
 * <li>Bars: GET /marketdata/v1/pricehistory for 1m, 5m, 30m and daily candles (regular session only);
 * 1h and 6h are aggregated from 30m with {@link BarAggregator}, as Schwab has neither.</li>
 * <li>Cache: downloaded bars stay in memory and on disk ({@link BarCache}); a read downloads only what
 * the cache does not cover, i.e. the tail since the last cached bar once a new bar can have completed.</li>
 * </ul>
 * A failed call (HTTP error after SchwabHttp's retries, malformed answer) is logged and skipped: the
 * symbol gets what the cache holds, never an exception. Only completed bars (end <= asOf) are returned.
 */
public final class SchwabMarketData implements MarketData {

    private static final Logger LOG = LoggerFactory.getLogger(SchwabMarketData.class);
    /** A bar is stored as final only this long after its end (Schwab publishes a candle shortly after it closes). */
    static final Duration SETTLE_INTRADAY = Duration.ofSeconds(30);
    static final Duration SETTLE_DAILY = Duration.ofMinutes(15);
    /** After a failed download of one series, no new try for it for this long. */
    static final Duration SERIES_PAUSE = Duration.ofMinutes(1);
    /** After a server-side failure (5xx, 429, I/O, after retries), no downloads at all for this long. */
    static final Duration GLOBAL_PAUSE = Duration.ofMinutes(1);
    /** A quote fetched at most this long after asOf still counts as known at asOf (the scan fetches right after choosing asOf). */
    static final Duration QUOTE_TOLERANCE = Duration.ofMinutes(2);

    /**
     * @param universe       symbols the scanner may pick from (benchmarks are taken out)
     * @param benchmarks     index symbols (SPY, QQQ) readable but never candidates
     * @param quoteBatchSize symbols per quotes call
     * @param cacheDir       folder for the bar files, or null for memory only
     */
    public record Settings(List<String> universe, Set<String> benchmarks, int quoteBatchSize, Path cacheDir) {
        public Settings {
            if (quoteBatchSize < 1) throw new IllegalArgumentException("quote batch size must be at least 1");
        }
    }

    private final SchwabHttp http;
    private final MarketCalendar calendar;
    private final BarAggregator aggregator;
    private final Clock clock;
    private final int batchSize;
    private final Set<String> benchmarks;
    private final List<String> universe;
    private final Set<String> known;
    private final BarCache cache;
    private final StreamedBars streamed;
    private final Map<String, Quote> quotes = new ConcurrentHashMap<>();
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile Consumer<List<String>> candidateListener = symbols -> { };

    public SchwabMarketData(SchwabHttp http, Settings settings, MarketCalendar calendar, Clock clock) {
        this.http = http;
        this.calendar = calendar;
        this.aggregator = new BarAggregator(calendar);
        this.clock = clock;
        this.batchSize = settings.quoteBatchSize();
        this.benchmarks = settings.benchmarks().stream().map(SchwabMarketData::norm).collect(Collectors.toUnmodifiableSet());
        this.universe = settings.universe().stream().map(SchwabMarketData::norm).distinct().filter(s -> !benchmarks.contains(s)).toList();
        Set<String> all = new LinkedHashSet<>(universe);
        all.addAll(benchmarks);
        this.known = Set.copyOf(all);
        this.cache = new BarCache(settings.cacheDir());
        this.streamed = new StreamedBars(cache, calendar, aggregator);
        LOG.info("schwab market data: {} symbols in the universe, benchmarks {}, quotes in batches of {}, bar cache {}", universe.size(),
                benchmarks, batchSize, settings.cacheDir() == null ? "in memory" : settings.cacheDir());
    }

    @Override
    public String name() {
        return "schwab";
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public List<String> universe() {
        return universe;
    }

    /** The universe and the benchmarks. */
    @Override
    public boolean has(String symbol) {
        return symbol != null && known.contains(norm(symbol));
    }

    @Override
    public Instant lastAvailable() {
        return clock.instant();
    }

    /** Fetches quotes for the scan's symbols (and the benchmarks) when asOf is now, in a session. */
    @Override
    public void prepareScan(List<String> symbols, Instant asOf, int dailyBars) {
        Instant now = clock.instant();
        if (!calendar.isOpen(asOf) || Duration.between(asOf, now).abs().compareTo(QUOTE_TOLERANCE) > 0) {
            LOG.debug("schwab quotes: not fetched for a scan as of {} (not now, or no session open)", asOf);
            return;
        }
        Set<String> all = new LinkedHashSet<>(symbols);
        all.addAll(benchmarks);
        refreshQuotes(new ArrayList<>(all));
    }

    /**
     * Fetches quotes for the symbols in {@code ceil(n / batch)} calls. A symbol missing from the
     * answer, or without a {@code quote} object, is skipped and logged; a failed call skips its batch.
     *
     * @return how many symbols got a quote
     */
    public int refreshQuotes(List<String> symbols) {
        List<String> unique = symbols.stream().filter(s -> s != null && !s.isBlank()).map(SchwabMarketData::norm).distinct().toList();
        int got = 0, calls = 0, failed = 0;
        for (int i = 0; i < unique.size(); i += batchSize) {
            List<String> batch = unique.subList(i, Math.min(unique.size(), i + batchSize));
            String path = "/marketdata/v1/quotes?symbols=" + batch.stream().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))
                    .collect(Collectors.joining(",")) + "&fields=quote,fundamental&indicative=false";
            calls++;
            JsonNode root;
            try {
                root = http.get(path);
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("schwab quotes: batch {} ({} symbols from {}) skipped: {}", calls, batch.size(), batch.get(0), e.getMessage());
                continue;
            }
            Instant at = clock.instant();
            if (root == null || !root.isObject()) {
                failed++;
                LOG.warn("schwab quotes: batch {} ({} symbols from {}) skipped: the answer is not an object", calls, batch.size(), batch.get(0));
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (String sym : batch) {
                Quote q = parseQuote(sym, root.get(sym), at);
                if (q == null) {
                    missing.add(sym);
                } else {
                    quotes.put(sym, q);
                    got++;
                }
            }
            if (!missing.isEmpty()) {
                JsonNode invalid = root.path("errors").path("invalidSymbols");
                LOG.warn("schwab quotes: {} of {} symbols skipped (missing from the answer or without a usable quote{}): {}", missing.size(),
                        batch.size(), invalid.isArray() && !invalid.isEmpty() ? "; Schwab lists invalid symbols " + invalid : "", abbreviate(missing));
            }
        }
        LOG.info("schwab quotes: {} of {} symbols in {} calls ({} failed)", got, unique.size(), calls, failed);
        return got;
    }

    /** Who follows each live scan's candidates (the Schwab stream's chart subscription). */
    public void onCandidates(Consumer<List<String>> listener) {
        this.candidateListener = listener;
    }

    /** A scan as of now (not a replay of the past): its candidates are passed to the listener. */
    @Override
    public void candidatesChosen(List<String> symbols, Instant asOf) {
        if (Duration.between(asOf, clock.instant()).abs().compareTo(QUOTE_TOLERANCE) > 0) return;
        candidateListener.accept(symbols);
    }

    /**
     * A 1-minute bar from the Schwab stream (CHART_EQUITY), stored with the downloaded bars; the 5m and
     * 30m bars it completes are built from the 1-minute bars. A symbol outside the universe and
     * benchmarks, a bar outside the regular session, and a bar already stored as it is are not stored.
     *
     * @return true when the bar was new (or changed) and stored
     */
    public boolean putStreamedMinute(String symbol, Bar minute) {
        if (symbol == null || minute == null || !has(symbol) || !minute.isValid()) return false;
        return streamed.put(norm(symbol), minute);
    }

    /** The latest quote fetched for the symbol, if any. */
    public Optional<Quote> quote(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(quotes.get(norm(symbol)));
    }

    /**
     * Today's session so far from the latest quote: open, high, low, last and cumulative volume, from
     * the session open to when the quote was fetched (at most asOf). Empty outside a session, without
     * a quote fetched in this session (at most {@link #QUOTE_TOLERANCE} after asOf), before the first
     * trade of the day, or when Schwab marks the symbol other than Normal (halted).
     */
    @Override
    public Optional<Bar> sessionSoFar(String symbol, Instant asOf) {
        if (symbol == null || asOf == null || !calendar.isOpen(asOf)) return Optional.empty();
        Quote q = quotes.get(norm(symbol));
        if (q == null) return Optional.empty();
        LocalDate day = calendar.dateAt(asOf);
        Instant open = calendar.openInstant(day);
        if (!calendar.isOpen(q.fetchedAt()) || !calendar.dateAt(q.fetchedAt()).equals(day)) return Optional.empty();
        if (q.fetchedAt().isAfter(asOf.plus(QUOTE_TOLERANCE))) return Optional.empty();
        if (!q.normal()) {
            LOG.debug("schwab {}: security status {}, no session bar", q.symbol(), q.securityStatus());
            return Optional.empty();
        }
        if (q.tradeTime() != null && q.tradeTime().isBefore(open)) return Optional.empty();   // no trade yet today
        if (!(q.openPrice() > 0 && q.lastPrice() > 0 && q.totalVolume() > 0)) return Optional.empty();
        Instant end = q.fetchedAt().isAfter(asOf) ? asOf : q.fetchedAt();
        if (!end.isAfter(open)) return Optional.empty();
        double high = max(q.highPrice(), q.openPrice(), q.lastPrice());
        double low = Math.min(Math.min(q.openPrice(), q.lastPrice()), q.lowPrice() > 0 ? q.lowPrice() : Double.MAX_VALUE);
        Bar b = new Bar(open, end, q.openPrice(), high, low, q.lastPrice(), q.totalVolume());
        if (!b.isValid()) {
            LOG.warn("schwab {}: quote at {} makes no valid session bar: {}", q.symbol(), q.fetchedAt(), b.problem());
            return Optional.empty();
        }
        return Optional.of(b);
    }

    @Override
    public List<Bar> bars(String symbol, Timeframe timeframe, Instant asOf, int count) {
        if (symbol == null || symbol.isBlank() || asOf == null || count <= 0) return List.of();
        String sym = norm(symbol);
        Timeframe src = PriceHistory.sourceOf(timeframe);
        Instant from = windowStart(timeframe, src, asOf, count);
        BarCache.Series s = cache.get(sym, src);
        synchronized (s) {
            refresh(s, from, asOf);
            if (src == timeframe) return s.completedBy(asOf, count, null);
            List<Bar> finer = s.completedBy(asOf, Integer.MAX_VALUE, from);
            List<Bar> built = aggregator.aggregate(finer, timeframe, asOf);
            return built.size() > count ? List.copyOf(built.subList(built.size() - count, built.size())) : built;
        }
    }

    /** The open of the earliest session to download so that {@code count} completed bars are there (with a floor per size). */
    private Instant windowStart(Timeframe tf, Timeframe src, Instant asOf, int count) {
        long sessions = tf == Timeframe.D1 ? (long) count + 1 : ((long) count + tf.barsPerSession() - 1) / tf.barsPerSession() + 1;
        sessions = Math.min(Math.max(sessions, minSessions(src)), 20_000);
        LocalDate day = calendar.dateAt(asOf);
        if (!calendar.isTradingDay(day)) day = calendar.previousTradingDay(day);
        for (long i = 1; i < sessions; i++) day = calendar.previousTradingDay(day);
        return calendar.openInstant(day);
    }

    /** A first download takes at least this many sessions, so that slightly longer reads later need no second one. */
    private static int minSessions(Timeframe src) {
        return switch (src) {
            case M1 -> 5;
            case M5 -> 10;
            case M30 -> 20;
            default -> 260;
        };
    }

    /** Downloads what the series lacks for [from, asOf]: the head before its window, the tail after it. Holding s's lock. */
    private void refresh(BarCache.Series s, Instant from, Instant asOf) {
        Instant now = clock.instant();
        Instant settled = now.minus(s.timeframe == Timeframe.D1 ? SETTLE_DAILY : SETTLE_INTRADAY);
        Instant cutoff = asOf.isBefore(settled) ? asOf : settled;
        if (!cutoff.isAfter(from)) return;
        if (now.isBefore(pausedUntil)) return;
        if (s.failedAt != null && now.isBefore(s.failedAt.plus(SERIES_PAUSE))) return;
        if (!s.covered()) {
            Optional<List<Bar>> got = download(s, from, cutoff);
            if (got.isEmpty()) return;
            s.merge(got.get());
            s.coveredFrom = from;
            s.coveredTo = cutoff;
            cache.save(s);
            return;
        }
        boolean changed = false;
        if (from.isBefore(s.coveredFrom)) {
            Optional<List<Bar>> got = download(s, from, s.coveredFrom);
            if (got.isEmpty()) return;
            s.merge(got.get());
            s.coveredFrom = from;
            changed = true;
        }
        if (!nextEnd(s.coveredTo, s.timeframe).isAfter(cutoff)) {
            Optional<List<Bar>> got = download(s, tailStart(s), cutoff);
            if (got.isPresent()) {
                s.merge(got.get());
                s.coveredTo = cutoff;
                changed = true;
            }
        }
        if (changed) cache.save(s);
    }

    /**
     * Where a tail download starts: the last cached bar (it is asked for again, so a bar Schwab published
     * late is not lost), or the bar that was still forming at coveredTo when the last bar is long gone
     * (a halted symbol).
     */
    private Instant tailStart(BarCache.Series s) {
        Instant t = s.timeframe == Timeframe.D1 ? s.coveredTo : s.coveredTo.minusSeconds(s.timeframe.minutes() * 60L);
        Bar last = s.last();
        if (last != null && last.start().isBefore(t) && !last.start().isBefore(s.coveredTo.minus(Duration.ofDays(10)))) t = last.start();
        return t;
    }

    /** The earliest end, after t, of a bar of this size: nothing new can have completed before it. */
    Instant nextEnd(Instant t, Timeframe src) {
        LocalDate day = calendar.dateAt(t);
        if (!calendar.isTradingDay(day) || !t.isBefore(calendar.closeInstant(day))) {
            day = calendar.nextTradingDay(day);
            t = calendar.openInstant(day);
        }
        Instant open = calendar.openInstant(day), close = calendar.closeInstant(day);
        if (src == Timeframe.D1) return close;
        long step = src.minutes() * 60L;
        long k = t.isBefore(open) ? 1 : Math.floorDiv(t.getEpochSecond() - open.getEpochSecond(), step) + 1;
        Instant end = open.plusSeconds(k * step);
        return end.isAfter(close) ? close : end;
    }

    private Optional<List<Bar>> download(BarCache.Series s, Instant from, Instant to) {
        String path = PriceHistory.path(s.symbol, s.timeframe, from, to, calendar);
        try {
            JsonNode answer = http.get(path);
            PriceHistory.Parsed p = PriceHistory.parse(s.symbol, s.timeframe, answer, calendar);
            List<Bar> kept = new ArrayList<>(p.bars().size());
            for (Bar b : p.bars()) if (!b.end().isAfter(to)) kept.add(b);
            s.failedAt = null;
            LOG.debug("schwab {} {}: {} bars for [{} .. {}] ({} outside the session, {} invalid, {} still forming)", s.symbol, s.timeframe,
                    kept.size(), from, to, p.outsideSession(), p.invalid(), p.bars().size() - kept.size());
            return Optional.of(kept);
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            s.failedAt = now;
            int status = e instanceof SchwabException se ? se.status() : -1;
            boolean serverSide = status == 0 || status == 429 || status >= 500;
            if (serverSide) pausedUntil = now.plus(GLOBAL_PAUSE);
            LOG.warn("schwab {} {}: price history for [{} .. {}] skipped, {} cached bars used{}: {}", s.symbol, s.timeframe, from, to,
                    s.bars().size(), serverSide ? "; all downloads paused for " + GLOBAL_PAUSE.toSeconds() + " s" : "", e.getMessage());
            return Optional.empty();
        }
    }

    private static Quote parseQuote(String symbol, JsonNode entry, Instant fetchedAt) {
        if (entry == null || !entry.isObject()) return null;
        JsonNode q = entry.get("quote");
        if (q == null || !q.isObject()) return null;
        double last = PriceHistory.num(q.get("lastPrice"));
        if (!(last > 0) || Double.isInfinite(last)) return null;
        JsonNode f = entry.path("fundamental");
        JsonNode status = q.get("securityStatus");
        return new Quote(symbol, last, PriceHistory.num(q.get("openPrice")), PriceHistory.num(q.get("highPrice")),
                PriceHistory.num(q.get("lowPrice")), PriceHistory.num(q.get("closePrice")), PriceHistory.num(q.get("totalVolume")),
                PriceHistory.num(q.get("netPercentChange")), PriceHistory.num(f.get("avg10DaysVolume")), instant(q.get("quoteTime")),
                instant(q.get("tradeTime")), status == null || status.isNull() ? null : status.asText(), fetchedAt);
    }

    private static Instant instant(JsonNode n) {
        long ms = PriceHistory.longOf(n);
        return ms == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ms);
    }

    private static double max(double a, double b, double c) {
        double m = Math.max(b, c);
        return Double.isFinite(a) ? Math.max(a, m) : m;
    }

    private static String norm(String symbol) {
        return symbol.trim().toUpperCase(Locale.ROOT);
    }

    private static String abbreviate(List<String> symbols) {
        return symbols.size() <= 20 ? String.join(", ", symbols) : String.join(", ", symbols.subList(0, 20)) + " and " + (symbols.size() - 20) + " more";
    }
}
