package autotrader.schwab.market;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.store.BarStore;
import autotrader.market.store.FetchLog;
import autotrader.market.store.SessionGaps;
import autotrader.progress.Progress;
import autotrader.schwab.SchwabException;
import autotrader.schwab.SchwabHttp;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `data fetch`: Schwab's price history (GET /marketdata/v1/pricehistory) for a list of symbols and
 * bar sizes, into the bar store. Each size as deep as Schwab serves it ({@link #DEPTH}); only whole
 * sessions up to yesterday's close (a session in progress is still changing); each window asked for
 * once (a second run, or one after a kill, asks only for the windows its {@link FetchLog} lacks).
 * A failed request (an unknown symbol, a 429 after the client's retries, a malformed answer) ends
 * that series for this run with the reason; nothing of it is stored and the other series go on.
 */
public final class HistoryFetch {

    /** The bar sizes Schwab serves that the store keeps: 1h and 6h do not exist at Schwab (built from 30m or 1m). */
    public static final List<Timeframe> FETCHABLE = List.of(Timeframe.M1, Timeframe.M5, Timeframe.M30, Timeframe.D1);
    /**
     * How far back Schwab serves each size (SCHWAB.md 3.2): 1-minute bars about 48 days, 5- and
     * 30-minute about 9 months, daily bars decades (1985 for AAPL; this asks from 1985-01-01).
     */
    public static final Map<Timeframe, Duration> DEPTH = Map.of(Timeframe.M1, Duration.ofDays(48), Timeframe.M5, Duration.ofDays(270),
            Timeframe.M30, Duration.ofDays(270));
    static final LocalDate DAILY_FROM = LocalDate.of(1985, 1, 1);
    /** Calendar days per request: a 1-minute answer of 10 days is about 2,700 candles; daily is one request for all of it. */
    private static final Map<Timeframe, Integer> DAYS_PER_REQUEST = Map.of(Timeframe.M1, 10, Timeframe.M5, 31, Timeframe.M30, 31,
            Timeframe.D1, 100_000);

    /** One series' outcome: bars new to the store, bars stored in all, NYSE sessions missing, and why it stopped early (null: it did not). */
    public record Outcome(String symbol, Timeframe timeframe, int requests, long added, long stored, int gaps, String failure) {
    }

    /** One series and the requests still to make for it. */
    private record Series(String symbol, Timeframe tf, List<Job> jobs) {
    }

    /** One request to make. */
    private record Job(String symbol, Timeframe tf, FetchLog.Window window) {
    }

    private final SchwabHttp http;
    private final BarStore store;
    private final FetchLog log;
    private final MarketCalendar calendar;
    private final Clock clock;

    public HistoryFetch(SchwabHttp http, BarStore store, MarketCalendar calendar, Clock clock) {
        this.http = http;
        this.store = store;
        this.log = new FetchLog(store);
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Fetches every symbol and timeframe; {@code from}/{@code to} (either may be null) narrow the
     * default depth. Progress (requests done of the total, with an ETA) goes to {@code progress}.
     */
    public List<Outcome> run(List<String> symbols, List<Timeframe> timeframes, LocalDate from, LocalDate to, Progress progress) {
        for (Timeframe tf : timeframes) {
            if (!FETCHABLE.contains(tf)) throw new IllegalArgumentException("Schwab has no " + tf.label() + " bars; fetch 1m, 5m, 30m or 1d");
        }
        Instant settled = calendar.dateAt(clock.instant()).atStartOfDay(MarketCalendar.NEW_YORK).toInstant();
        List<Outcome> out = new ArrayList<>();
        List<Series> plan = new ArrayList<>();
        for (String symbol : symbols) {
            for (Timeframe tf : timeframes) {
                try {
                    plan.add(new Series(symbol, tf, jobs(symbol, tf, from, to, settled)));
                } catch (IllegalArgumentException notATicker) {
                    out.add(new Outcome(symbol, tf, 0, 0, 0, 0, notATicker.getMessage()));
                }
            }
        }
        int total = plan.stream().mapToInt(p -> p.jobs().size()).sum(), done = 0;
        try (Progress.Task bar = progress.start("fetch", total, "requests")) {
            for (Series s : plan) {
                long added = 0;
                int requests = 0;
                String failure = null;
                for (Job j : s.jobs()) {
                    requests++;
                    done++;
                    try {
                        added += fetch(j);
                    } catch (RuntimeException e) {
                        failure = reason(e);
                        done += s.jobs().size() - requests;   // the rest of this series is skipped this run
                        break;
                    } finally {
                        bar.note(j.symbol() + " " + j.tf().label() + " " + j.window().from() + ".." + j.window().to());
                        bar.stepTo(done);
                    }
                }
                // A series with no request left was completed by an earlier run: it is listed with what is stored.
                List<Bar> all = store.read(s.symbol(), s.tf());
                if (failure == null && all.isEmpty()) failure = "empty history: Schwab has no " + s.tf().label() + " bars for it in the window";
                out.add(new Outcome(s.symbol(), s.tf(), requests, added, all.size(), SessionGaps.sessions(new SessionGaps(calendar).of(all)), failure));
            }
        }
        return out;
    }

    /** The requests still to make for one series, oldest first. */
    private List<Job> jobs(String symbol, Timeframe tf, LocalDate from, LocalDate to, Instant settled) {
        store.file(symbol, tf);   // checks the ticker
        Instant deepest = tf == Timeframe.D1 ? DAILY_FROM.atStartOfDay(MarketCalendar.NEW_YORK).toInstant() : settled.minus(DEPTH.get(tf));
        Instant start = from == null ? deepest : later(from.atStartOfDay(MarketCalendar.NEW_YORK).toInstant(), deepest);
        Instant end = to == null ? settled : earlier(to.plusDays(1).atStartOfDay(MarketCalendar.NEW_YORK).toInstant(), settled);
        List<Job> out = new ArrayList<>();
        if (!start.isBefore(end)) return out;
        Duration step = Duration.ofDays(DAYS_PER_REQUEST.get(tf));
        for (FetchLog.Window w : log.missing(symbol, tf, start, end)) {
            for (Instant a = w.from(); a.isBefore(w.to()); a = a.plus(step)) {
                Instant b = earlier(a.plus(step), w.to());
                out.add(new Job(symbol, tf, new FetchLog.Window(a, b)));
            }
        }
        return out;
    }

    /** One request: its good regular-session bars inside the window are stored, then the window is logged as asked. */
    private long fetch(Job j) {
        // endDate is inclusive at Schwab: one millisecond before the window's end keeps the next window's first bar out.
        String path = PriceHistory.path(j.symbol(), j.tf(), j.window().from(), j.window().to().minusMillis(1), calendar);
        JsonNode answer = http.get(path);
        PriceHistory.Parsed p = PriceHistory.parse(j.symbol(), j.tf(), answer, calendar);
        List<Bar> inside = new ArrayList<>();
        for (Bar b : p.bars()) {
            if (!b.start().isBefore(j.window().from()) && !b.end().isAfter(j.window().to())) inside.add(b);
        }
        int added = inside.isEmpty() ? 0 : store.write(j.symbol(), j.tf(), inside, "schwab");
        log.add(j.symbol(), j.tf(), j.window().from(), j.window().to());
        return added;
    }

    static String reason(RuntimeException e) {
        if (e instanceof SchwabException se && se.status() == 429) return "HTTP 429 rate limited after retries: " + e.getMessage();
        if (e instanceof IllegalArgumentException) return "malformed answer: " + e.getMessage();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
