package autotrader.app;

import autotrader.orders.Side;
import autotrader.orders.TradeHistory;
import autotrader.orders.TradeHistory.ClosedTrade;
import autotrader.orders.TradeStats;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import static autotrader.market.MarketCalendar.NEW_YORK;

/** The closed-trade read-outs as plain text (Telegram's /trades, /profit, /daily, /performance). */
final class TradeReports {

    private final TradeHistory history;
    private final String account;

    TradeReports(TradeHistory history, String account) {
        this.history = history;
        this.account = account;
    }

    String trades(int limit) {
        List<ClosedTrade> all = history.closed(account);
        if (all.isEmpty()) return "No closed trades yet.";
        StringBuilder sb = new StringBuilder("Closed trades (newest first, P&L after commissions):\n");
        for (ClosedTrade t : all.stream().limit(limit).toList()) {
            sb.append(String.format("%s %s %d %.2f -> %.2f  %+,.2f (%+.2f%%)  closed %s%n", t.side() == Side.BUY ? "LONG" : "SHORT",
                    t.symbol(), t.quantity(), t.entryPrice(), t.exitPrice(), t.pnl(), t.pnlPct(), ScanReport.when(t.closedAt())));
        }
        if (all.size() > limit) sb.append("(").append(all.size() - limit).append(" older not shown)\n");
        return sb.toString();
    }

    String profit(Instant now) {
        List<ClosedTrade> all = history.closed(account);
        LocalDate today = now.atZone(NEW_YORK).toLocalDate();
        TradeStats.Sum day = TradeStats.byDay(all, NEW_YORK).getOrDefault(today, TradeStats.total(List.of()));
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        TradeStats.Sum week = TradeStats.byWeek(all, NEW_YORK).getOrDefault(monday, TradeStats.total(List.of()));
        TradeStats.Sum total = TradeStats.total(all);
        return "Realised P&L (closed trades, after commissions):\n" + line("today", day) + line("this week", week) + line("all", total);
    }

    String daily(int days) {
        Map<LocalDate, TradeStats.Sum> byDay = TradeStats.byDay(history.closed(account), NEW_YORK);
        if (byDay.isEmpty()) return "No closed trades yet.";
        StringBuilder sb = new StringBuilder("Realised P&L per day:\n");
        byDay.entrySet().stream().limit(days).forEach(e -> sb.append(line(e.getKey().toString(), e.getValue())));
        return sb.toString();
    }

    String performance() {
        Map<String, TradeStats.Sum> bySymbol = TradeStats.bySymbol(history.closed(account));
        if (bySymbol.isEmpty()) return "No closed trades yet.";
        StringBuilder sb = new StringBuilder("Performance per symbol (best first):\n");
        bySymbol.forEach((symbol, s) -> sb.append(line(symbol, s)));
        return sb.toString();
    }

    private static String line(String label, TradeStats.Sum s) {
        return String.format("%s: %+,.2f from %d trade%s (%.0f%% won)%n", label, s.pnl(), s.trades(), s.trades() == 1 ? "" : "s", s.winRatePct());
    }
}
