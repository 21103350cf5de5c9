package autotrader.orders;

import autotrader.market.MarketCalendar;
import autotrader.orders.TradeHistory.ClosedTrade;
import autotrader.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Closed trades, profit by day/week and per symbol on a small scripted history in a real SQLite file;
 * every expected number is worked out by hand in the comments.
 */
class TradeHistoryTest {

    @TempDir
    Path dir;
    OrderRepository repo;
    TradeHistory history;
    int exec;
    long aaaEntry, aaaExit, bbbEntry, bbbStop, bbbExit;

    static Instant et(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MarketCalendar.NEW_YORK).toInstant();
    }

    private StoredOrder order(OrderRole role, String symbol, Side side, long qty) {
        OrderRequest r = role == OrderRole.ENTRY ? OrderRequest.entry(null, symbol, side, qty, EntryType.MARKET, null, null, null, null)
                : OrderRequest.marketExit(null, symbol, side, qty);
        return repo.insertIntent("paper", r, null);
    }

    private void fill(StoredOrder o, long qty, String price, String commission, String at) {
        assertTrue(repo.recordFill(o, new BrokerFill("x" + exec++, qty, new BigDecimal(price), new BigDecimal(commission), et(at))));
    }

    @BeforeEach
    void script() {
        Store store = Store.open(dir.resolve("state.db"), 2000);
        repo = new OrderRepository(store.jdbi(), Clock.systemUTC());
        history = new TradeHistory(store.jdbi());
        // Friday 2024-06-07: DDD long 1 @ 10 -> 12, no commission: +2.00 (the week before).
        StoredOrder d1 = order(OrderRole.ENTRY, "DDD", Side.BUY, 1), d2 = order(OrderRole.EXIT, "DDD", Side.SELL, 1);
        fill(d1, 1, "10", "0", "2024-06-07T10:00");
        fill(d2, 1, "12", "0", "2024-06-07T15:00");
        // Tuesday 2024-06-11: AAA long 10 in two fills (6 @ 100, 4 @ 101; 1.00 commission each), out 10 @ 105 (1.00):
        // cost 1004, proceeds 1050, gross +46, commissions 3 -> +43.00; entry avg 100.40.
        StoredOrder a1 = order(OrderRole.ENTRY, "AAA", Side.BUY, 10), a2 = order(OrderRole.EXIT, "AAA", Side.SELL, 10);
        aaaEntry = a1.id();
        aaaExit = a2.id();
        fill(a1, 6, "100.00", "1.00", "2024-06-11T10:00");
        fill(a1, 4, "101.00", "1.00", "2024-06-11T10:01");
        fill(a2, 10, "105.00", "1.00", "2024-06-11T14:00");
        // BBB long 5 @ 50 (0.50) on Tuesday; a stop sells 2 @ 48 (0.50), a market exit 3 @ 47 (0.50) on Wednesday:
        // gross -4 - 9 = -13, commissions 1.50 -> -14.50; exit avg (96 + 141) / 5 = 47.40.
        StoredOrder b1 = order(OrderRole.ENTRY, "BBB", Side.BUY, 5), b2 = order(OrderRole.EXIT, "BBB", Side.SELL, 2),
                b3 = order(OrderRole.EXIT, "BBB", Side.SELL, 3);
        bbbEntry = b1.id();
        bbbStop = b2.id();
        bbbExit = b3.id();
        fill(b1, 5, "50", "0.50", "2024-06-11T11:00");
        fill(b2, 2, "48", "0.50", "2024-06-12T10:30");
        fill(b3, 3, "47", "0.50", "2024-06-12T11:00");
        // Wednesday: CCC short 4 @ 20, covered 4 @ 19, no commission: +4.00.
        StoredOrder c1 = order(OrderRole.ENTRY, "CCC", Side.SELL, 4), c2 = order(OrderRole.EXIT, "CCC", Side.BUY, 4);
        fill(c1, 4, "20", "0", "2024-06-12T12:00");
        fill(c2, 4, "19", "0", "2024-06-12T15:30");
        // Wednesday: AAA again, 3 @ 110, still open: not a closed trade.
        fill(order(OrderRole.ENTRY, "AAA", Side.BUY, 3), 3, "110", "0", "2024-06-12T13:00");
    }

    @Test
    void closedTradesAreEntriesWithTheExitsThatClosedThemNetOfCommissions() {
        List<ClosedTrade> trades = history.closed("paper");
        assertEquals(List.of("CCC", "BBB", "AAA", "DDD"), trades.stream().map(ClosedTrade::symbol).toList(), "newest close first");

        ClosedTrade aaa = trades.get(2);
        assertEquals(aaaEntry, aaa.entryOrderId());
        assertEquals(List.of(aaaExit), aaa.exitOrderIds());
        assertEquals(10, aaa.quantity());
        assertEquals(0, new BigDecimal("100.40").compareTo(aaa.entryPrice()), aaa.toString());
        assertEquals(0, new BigDecimal("105.00").compareTo(aaa.exitPrice()), aaa.toString());
        assertEquals(0, new BigDecimal("3.00").compareTo(aaa.commission()), aaa.toString());
        assertEquals(0, new BigDecimal("43.00").compareTo(aaa.pnl()), aaa.toString());
        assertEquals(43.0 / 1004 * 100, aaa.pnlPct(), 1e-9);

        ClosedTrade bbb = trades.get(1);
        assertEquals(bbbEntry, bbb.entryOrderId());
        assertEquals(List.of(bbbStop, bbbExit), bbb.exitOrderIds());
        assertEquals(0, new BigDecimal("47.40").compareTo(bbb.exitPrice()), bbb.toString());
        assertEquals(0, new BigDecimal("-14.50").compareTo(bbb.pnl()), bbb.toString());
        assertEquals(et("2024-06-12T11:00"), bbb.closedAt());

        ClosedTrade ccc = trades.get(0);
        assertEquals(Side.SELL, ccc.side());
        assertEquals(0, new BigDecimal("4.00").compareTo(ccc.pnl()), "a short gains when the price falls: " + ccc);
    }

    @Test
    void profitByDayWeekAndTotal() {
        List<ClosedTrade> trades = history.closed("paper");
        Map<LocalDate, TradeStats.Sum> days = TradeStats.byDay(trades, MarketCalendar.NEW_YORK);
        assertEquals(List.of(LocalDate.of(2024, 6, 12), LocalDate.of(2024, 6, 11), LocalDate.of(2024, 6, 7)), List.copyOf(days.keySet()));
        // Wednesday: BBB -14.50 and CCC +4.00 -> -10.50, one of two won.
        assertEquals(new TradeStats.Sum(2, 1, new BigDecimal("-10.50")), days.get(LocalDate.of(2024, 6, 12)));
        assertEquals(0, new BigDecimal("43.00").compareTo(days.get(LocalDate.of(2024, 6, 11)).pnl()));
        Map<LocalDate, TradeStats.Sum> weeks = TradeStats.byWeek(trades, MarketCalendar.NEW_YORK);
        // Week of Monday 2024-06-10: 43 - 14.50 + 4 = 32.50 from three trades; the week before: DDD's 2.00.
        assertEquals(0, new BigDecimal("32.50").compareTo(weeks.get(LocalDate.of(2024, 6, 10)).pnl()));
        assertEquals(3, weeks.get(LocalDate.of(2024, 6, 10)).trades());
        assertEquals(0, new BigDecimal("2.00").compareTo(weeks.get(LocalDate.of(2024, 6, 3)).pnl()));
        TradeStats.Sum total = TradeStats.total(trades);
        assertEquals(4, total.trades());
        assertEquals(3, total.wins());
        assertEquals(0, new BigDecimal("34.50").compareTo(total.pnl()));
        assertEquals(75.0, total.winRatePct(), 1e-9);
    }

    @Test
    void performancePerSymbolBestFirst() {
        Map<String, TradeStats.Sum> bySymbol = TradeStats.bySymbol(history.closed("paper"));
        assertEquals(List.of("AAA", "CCC", "DDD", "BBB"), List.copyOf(bySymbol.keySet()));
        assertEquals(0, new BigDecimal("-14.50").compareTo(bySymbol.get("BBB").pnl()));
        assertEquals(0, bySymbol.get("BBB").wins());
    }

    @Test
    void anotherAccountsFillsAreNotCounted() {
        assertTrue(history.closed("live").isEmpty());
    }
}
