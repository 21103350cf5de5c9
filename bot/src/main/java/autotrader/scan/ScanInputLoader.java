package autotrader.scan;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads from a market-data source what the scanner needs for each symbol as of an instant. While
 * a session is open "today" is the session so far; after the close it is the last completed
 * session. A symbol with no data, broken bars or stale history is skipped with the reason, so one
 * bad symbol never stops a scan.
 */
public final class ScanInputLoader {

    private static final Logger log = LoggerFactory.getLogger(ScanInputLoader.class);
    /** A symbol whose last bar is older than this many sessions is treated as halted or delisted. */
    private static final int MAX_STALE_SESSIONS = 3;

    private final MarketData market;
    private final MarketCalendar calendar;

    public ScanInputLoader(MarketData market, MarketCalendar calendar) {
        this.market = market;
        this.calendar = calendar;
    }

    public record Loaded(List<ScanInput> inputs, List<ScanResult.Skipped> skipped) {
    }

    /** Daily bars read per symbol for {@code historyDays} of history: one more, since outside a session the last one is the current bar. */
    public static int dailyBarsRead(int historyDays) {
        return historyDays + 1;
    }

    public Loaded load(List<String> symbols, Instant asOf, int historyDays) {
        List<ScanInput> inputs = new ArrayList<>(symbols.size());
        List<ScanResult.Skipped> skipped = new ArrayList<>();
        LocalDate lastSession = calendar.lastClosedSession(asOf);
        LocalDate staleBefore = lastSession;
        for (int i = 0; i < MAX_STALE_SESSIONS; i++) staleBefore = calendar.previousTradingDay(staleBefore);
        for (String symbol : symbols) {
            try {
                String problem = loadOne(symbol, asOf, historyDays, staleBefore, inputs);
                if (problem != null) skipped.add(new ScanResult.Skipped(symbol, problem));
            } catch (RuntimeException e) {
                log.warn("scan: skipping {}: {}", symbol, e.toString());
                skipped.add(new ScanResult.Skipped(symbol, "data error: " + e.getMessage()));
            }
        }
        return new Loaded(inputs, skipped);
    }

    private String loadOne(String symbol, Instant asOf, int historyDays, LocalDate staleBefore, List<ScanInput> out) {
        List<Bar> daily = market.bars(symbol, Timeframe.D1, asOf, dailyBarsRead(historyDays));
        Optional<Bar> today = market.sessionSoFar(symbol, asOf);
        if (daily.isEmpty()) return "no daily bars";
        for (Bar b : daily) {
            String p = b.problem();
            if (p != null) return "bad daily bar at " + b.start() + ": " + p;
        }
        if (calendar.dateAt(daily.get(daily.size() - 1).start()).isBefore(staleBefore)) {
            return "stale: last daily bar is " + calendar.dateAt(daily.get(daily.size() - 1).start());
        }
        List<Bar> history;
        Bar current;
        double fraction;
        if (today.isPresent()) {
            current = today.get();
            String p = current.problem();
            if (p != null) return "bad bar today: " + p;
            history = daily.size() > historyDays ? daily.subList(daily.size() - historyDays, daily.size()) : daily;
            LocalDate day = calendar.dateAt(current.start());
            double elapsed = Duration.between(calendar.openInstant(day), current.end()).toMinutes();
            fraction = Math.min(1, elapsed / calendar.sessionMinutes(day));
        } else {
            current = daily.get(daily.size() - 1);
            history = daily.subList(0, daily.size() - 1);
            fraction = 1;
        }
        if (history.isEmpty()) return "no completed session before today";
        double[] closes = new double[history.size()], volumes = new double[history.size()];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = history.get(i).close();
            volumes[i] = history.get(i).volume();
        }
        out.add(new ScanInput(symbol, closes, volumes, current.close(), current.volume(), fraction));
        return null;
    }
}
