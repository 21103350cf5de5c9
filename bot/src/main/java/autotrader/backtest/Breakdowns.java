package autotrader.backtest;

import autotrader.market.MarketCalendar;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The strategy's closed trades grouped five ways (symbol, exit reason, month of the exit, hour of
 * the entry in New York time, confidence bucket of the entry decision), each group with its trade
 * count, win rate, mean return and total P&amp;L. Trades still open at the end are left out, as in
 * the trade statistics.
 */
public final class Breakdowns {

    /** One group: a win is a trade with P&amp;L above zero after costs. */
    public record Row(String key, int trades, double winRate, double meanReturn, double pnl) {
    }

    /** The dimensions, in the order the report shows them, with their metrics.json keys. */
    public static final Map<String, String> TITLES = titles();

    private static Map<String, String> titles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("by_symbol", "by symbol");
        m.put("by_exit_reason", "by exit reason");
        m.put("by_exit_month", "by month of the exit");
        m.put("by_entry_hour", "by hour of the entry (New York)");
        m.put("by_confidence", "by confidence of the entry decision");
        return m;
    }

    private Breakdowns() {
    }

    /** Every dimension, keyed as in {@link #TITLES}. */
    public static Map<String, List<Row>> all(List<RoundTrip> trips) {
        List<RoundTrip> closed = RoundTrips.closed(trips);
        Map<String, List<Row>> out = new LinkedHashMap<>();
        out.put("by_symbol", byPnl(group(closed, RoundTrip::symbol)));
        out.put("by_exit_reason", group(closed, t -> exitKind(t.exitReason())));
        out.put("by_exit_month", group(closed, t -> YearMonth.from(ny(t.exitAt())).toString()));
        out.put("by_entry_hour", group(closed, t -> String.format(Locale.ROOT, "%02d:00-%02d:00", ny(t.entryAt()).getHour(), ny(t.entryAt()).getHour() + 1)));
        out.put("by_confidence", group(closed, t -> confidenceBucket(t.confidence())));
        return out;
    }

    /**
     * stop (stop-loss, trailing stop), target (take-profit), time (a market exit: in a backtest only the
     * holding limit of the model's trade sends one, TimeExits), or other.
     */
    public static String exitKind(String reason) {
        return switch (reason) {
            case "stop-loss", "trailing stop" -> "stop";
            case "take-profit" -> "target";
            case "market exit" -> "time";
            default -> "other (" + reason + ")";
        };
    }

    /** Buckets of 0.1, e.g. "0.7-0.8"; "unknown" when no decision was found for the entry. */
    public static String confidenceBucket(double c) {
        if (!Double.isFinite(c)) return "unknown";
        int b = Math.max(0, Math.min(9, (int) Math.floor(c * 10)));
        return String.format(Locale.ROOT, "%.1f-%.1f", b / 10.0, (b + 1) / 10.0);
    }

    private static ZonedDateTime ny(Instant t) {
        return t.atZone(MarketCalendar.NEW_YORK);
    }

    /** Groups in key order (alphabetical: time order for months and hours, rising for confidence). */
    static List<Row> group(List<RoundTrip> trips, Function<RoundTrip, String> key) {
        Map<String, List<RoundTrip>> groups = new TreeMap<>();
        for (RoundTrip t : trips) groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
        List<Row> out = new ArrayList<>();
        groups.forEach((k, g) -> {
            long wins = g.stream().filter(t -> t.pnl() > 0).count();
            out.add(new Row(k, g.size(), (double) wins / g.size(), g.stream().mapToDouble(RoundTrip::returnPct).average().orElse(Double.NaN),
                    g.stream().mapToDouble(RoundTrip::pnl).sum()));
        });
        return out;
    }

    /** Largest total P&amp;L first: the symbol table starts with what mattered. */
    static List<Row> byPnl(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparingDouble(Row::pnl).reversed()).toList();
    }
}
