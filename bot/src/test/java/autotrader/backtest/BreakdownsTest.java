package autotrader.backtest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The trade breakdowns on five known trades (one still open, which every table leaves out). */
class BreakdownsTest {

    // 100 shares each, no commission: P&L = 100 x (exit - entry); return = exit / entry - 1.
    private static RoundTrip trip(String symbol, String entry, String exit, double in, double out, String reason, double confidence, boolean open) {
        return RoundTrip.of(symbol, Instant.parse(entry), Instant.parse(exit), 100, in, out, 0, 0, reason, confidence, open);
    }

    private static final List<RoundTrip> TRIPS = List.of(
            // 14:30Z is 09:30 in New York in winter (EST), 13:30Z is 09:30 in summer (EDT); 18:00Z in March after the switch is 14:00.
            trip("AAA", "2025-01-06T14:30:00Z", "2025-01-08T14:30:00Z", 100, 104, "take-profit", 0.82, false),
            trip("AAA", "2025-01-20T14:30:00Z", "2025-02-03T14:30:00Z", 100, 98, "stop-loss", 0.74, false),
            trip("BBB", "2025-03-17T18:00:00Z", "2025-03-19T13:30:00Z", 50, 51, "market exit", 0.71, false),
            trip("CCC", "2025-02-10T14:30:00Z", "2025-02-12T14:30:00Z", 20, 19, "trailing stop", Double.NaN, false),
            trip("DDD", "2025-03-20T13:30:00Z", "2025-03-31T20:00:00Z", 10, 30, "open at end", 0.9, true));

    private static void row(Breakdowns.Row r, String key, int trades, double winRate, double meanReturn, double pnl) {
        assertEquals(key, r.key());
        assertEquals(trades, r.trades(), key);
        assertEquals(winRate, r.winRate(), 1e-12, key);
        assertEquals(meanReturn, r.meanReturn(), 1e-12, key);
        assertEquals(pnl, r.pnl(), 1e-9, key);
    }

    @Test
    void eachDimensionGroupsTheClosedTrades() {
        Map<String, List<Breakdowns.Row>> b = Breakdowns.all(TRIPS);
        assertEquals(List.copyOf(Breakdowns.TITLES.keySet()), List.copyOf(b.keySet()));

        List<Breakdowns.Row> sym = b.get("by_symbol");     // largest P&L first; DDD is open and left out
        assertEquals(3, sym.size());
        row(sym.get(0), "AAA", 2, 0.5, (0.04 - 0.02) / 2, 200);
        row(sym.get(1), "BBB", 1, 1, 0.02, 100);
        row(sym.get(2), "CCC", 1, 0, -0.05, -100);

        List<Breakdowns.Row> exit = b.get("by_exit_reason");
        assertEquals(3, exit.size());
        row(exit.get(0), "stop", 2, 0, (-0.02 - 0.05) / 2, -300);
        row(exit.get(1), "target", 1, 1, 0.04, 400);
        row(exit.get(2), "time", 1, 1, 0.02, 100);

        List<Breakdowns.Row> month = b.get("by_exit_month");
        assertEquals(3, month.size());
        row(month.get(0), "2025-01", 1, 1, 0.04, 400);
        row(month.get(1), "2025-02", 2, 0, (-0.02 - 0.05) / 2, -300);
        row(month.get(2), "2025-03", 1, 1, 0.02, 100);

        List<Breakdowns.Row> hour = b.get("by_entry_hour");
        assertEquals(2, hour.size());
        row(hour.get(0), "09:00-10:00", 3, 1 / 3.0, (0.04 - 0.02 - 0.05) / 3, 400 - 200 - 100);
        row(hour.get(1), "14:00-15:00", 1, 1, 0.02, 100);

        List<Breakdowns.Row> conf = b.get("by_confidence");
        assertEquals(3, conf.size());
        row(conf.get(0), "0.7-0.8", 2, 0.5, 0, -100);
        row(conf.get(1), "0.8-0.9", 1, 1, 0.04, 400);
        row(conf.get(2), "unknown", 1, 0, -0.05, -100);
    }

    @Test
    void noClosedTradeGivesEmptyTables() {
        Breakdowns.all(List.of(TRIPS.get(4))).values().forEach(rows -> assertEquals(0, rows.size()));
        assertEquals("0.9-1.0", Breakdowns.confidenceBucket(1.0));
        assertEquals("0.0-0.1", Breakdowns.confidenceBucket(0.0));
    }
}
