package autotrader.orders;

import autotrader.orders.TradeHistory.ClosedTrade;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sums of closed trades: by the day or week (Monday) they closed on, in all, and per symbol. Days are
 * market days in the exchange's time zone, so an evening close is not counted on the next UTC date.
 */
public final class TradeStats {

    /** Closed trades in a group: how many, how many made money, and their realised P&L after commissions. */
    public record Sum(int trades, int wins, BigDecimal pnl) {
        static final Sum ZERO = new Sum(0, 0, BigDecimal.ZERO);

        Sum plus(ClosedTrade t) {
            return new Sum(trades + 1, wins + (t.pnl().signum() > 0 ? 1 : 0), pnl.add(t.pnl()));
        }

        /** Winning share in percent (0 with no trades). */
        public double winRatePct() {
            return trades == 0 ? 0 : 100.0 * wins / trades;
        }
    }

    private TradeStats() {
    }

    public static Sum total(List<ClosedTrade> trades) {
        Sum s = Sum.ZERO;
        for (ClosedTrade t : trades) s = s.plus(t);
        return s;
    }

    /** By the market date each trade closed on, newest first. */
    public static Map<LocalDate, Sum> byDay(List<ClosedTrade> trades, ZoneId zone) {
        return group(trades, t -> t.closedAt().atZone(zone).toLocalDate());
    }

    /** By the Monday of the week each trade closed in, newest first. */
    public static Map<LocalDate, Sum> byWeek(List<ClosedTrade> trades, ZoneId zone) {
        return group(trades, t -> t.closedAt().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** Per symbol, best P&L first. */
    public static Map<String, Sum> bySymbol(List<ClosedTrade> trades) {
        Map<String, Sum> sums = new TreeMap<>();
        for (ClosedTrade t : trades) sums.merge(t.symbol(), Sum.ZERO.plus(t), (a, b) -> new Sum(a.trades() + b.trades(),
                a.wins() + b.wins(), a.pnl().add(b.pnl())));
        Map<String, Sum> out = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Sum>comparingByValue(Comparator.comparing(Sum::pnl)).reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Map<LocalDate, Sum> group(List<ClosedTrade> trades, Function<ClosedTrade, LocalDate> key) {
        TreeMap<LocalDate, Sum> out = new TreeMap<>(Comparator.reverseOrder());
        for (ClosedTrade t : trades) out.merge(key.apply(t), Sum.ZERO.plus(t), (a, b) -> new Sum(a.trades() + b.trades(),
                a.wins() + b.wins(), a.pnl().add(b.pnl())));
        return out;
    }
}
