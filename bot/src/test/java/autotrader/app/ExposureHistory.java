package autotrader.app;

import autotrader.store.Store;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exposure limits checked at every moment of a finished run, from what the database recorded:
 * each intent holds its symbol from its creation until it was refused or expired, or (approved) until
 * its entry order ended unfilled or the position it opened was closed again. At no moment may a
 * symbol be held twice, more symbols be held than risk.max_open_positions, or an entry fill exceed
 * risk.max_position_pct of the equity then (plus a tolerance for the price moving after the sizing).
 */
final class ExposureHistory {

    private ExposureHistory() {
    }

    record Span(long intent, String symbol, Instant start, Instant end) {
    }

    static List<Span> spans(Jdbi db, String account) {
        List<Span> out = new ArrayList<>();
        for (Map<String, Object> i : db.withHandle(h -> h.createQuery(
                "SELECT id, symbol, created_at, status, decided_at, expires_at, order_id FROM intents WHERE account = ? ORDER BY id")
                .bind(0, account).mapToMap().list())) {
            Instant start = Instant.parse((String) i.get("created_at"));
            Instant end = switch ((String) i.get("status")) {
                case "PENDING" -> Instant.parse((String) i.get("expires_at"));
                case "APPROVED" -> i.get("order_id") == null ? Instant.parse((String) i.get("decided_at"))
                        : entryEnd(db, ((Number) i.get("order_id")).longValue());
                default -> Instant.parse((String) i.get("decided_at"));
            };
            out.add(new Span(((Number) i.get("id")).longValue(), (String) i.get("symbol"), start, end));
        }
        return out;
    }

    /** When an entry order stopped holding its symbol: its unfilled end, or the moment its position was flat again. */
    private static Instant entryEnd(Jdbi db, long orderId) {
        Map<String, Object> o = db.withHandle(h -> h.createQuery("SELECT symbol, account, state, filled_quantity FROM orders WHERE id = ?")
                .bind(0, orderId).mapToMap().one());
        if (((Number) o.get("filled_quantity")).longValue() == 0) {
            return db.withHandle(h -> h.createQuery("SELECT at FROM order_events WHERE order_id = ? AND to_state IN "
                            + "('CANCELED','EXPIRED','REJECTED','FAILED') ORDER BY id LIMIT 1").bind(0, orderId).mapTo(String.class).findOne())
                    .map(Instant::parse).orElse(Instant.MAX);
        }
        Instant filled = Instant.parse(db.withHandle(h -> h.createQuery("SELECT min(filled_at) FROM fills WHERE order_id = ?").bind(0, orderId)
                .mapTo(String.class).one()));
        long position = 0;
        for (Map<String, Object> f : db.withHandle(h -> h.createQuery(
                "SELECT side, quantity, filled_at FROM fills WHERE account = ? AND symbol = ? ORDER BY filled_at, id")
                .bind(0, o.get("account")).bind(1, o.get("symbol")).mapToMap().list())) {
            Instant at = Instant.parse((String) f.get("filled_at"));
            position += ("BUY".equals(f.get("side")) ? 1 : -1) * ((Number) f.get("quantity")).longValue();
            if (!at.isBefore(filled) && position == 0) return at;
        }
        return Instant.MAX;
    }

    static void assertWithinLimits(Store store, String account, int maxOpenPositions, double maxPositionPct, double startingCash) {
        Jdbi db = store.jdbi();
        List<Span> spans = spans(db, account);
        assertTrue(!spans.isEmpty(), "the run made intents");
        Map<String, List<Span>> bySymbol = new TreeMap<>();
        for (Span s : spans) bySymbol.computeIfAbsent(s.symbol(), k -> new ArrayList<>()).add(s);
        for (List<Span> list : bySymbol.values()) {
            list.sort(Comparator.comparing(Span::start));
            for (int k = 1; k < list.size(); k++) {
                Span a = list.get(k - 1), b = list.get(k);
                assertTrue(!b.start().isBefore(a.end()), "two entries for " + b.symbol() + " at once: " + a + " and " + b);
            }
        }
        long most = 0;
        for (Span s : spans) {
            long open = spans.stream().filter(o -> !o.start().isAfter(s.start()) && o.end().isAfter(s.start())).count();
            assertTrue(open <= maxOpenPositions, open + " symbols held at " + s.start() + ", limit " + maxOpenPositions);
            most = Math.max(most, open);
        }
        System.err.printf("exposure history: %d intents over %d symbols, at most %d symbols held at once (limit %d)%n", spans.size(),
                bySymbol.size(), most, maxOpenPositions);
        // Entry fills: the position's value at its fill against the cap of the equity just before it.
        for (Map<String, Object> f : db.withHandle(h -> h.createQuery("""
                SELECT o.symbol, o.filled_quantity AS qty, o.avg_fill_price AS price, min(f.filled_at) AS at
                FROM orders o JOIN fills f ON f.order_id = o.id WHERE o.account = ? AND o.role = 'ENTRY' GROUP BY o.id""")
                .bind(0, account).mapToMap().list())) {
            String at = (String) f.get("at");
            double equity = db.withHandle(h -> h.createQuery("SELECT equity FROM account_snapshots WHERE account = ? AND at <= ? ORDER BY at DESC LIMIT 1")
                    .bind(0, account).bind(1, at).mapTo(String.class).findOne()).map(Double::parseDouble).orElse(startingCash);
            double value = ((Number) f.get("qty")).longValue() * Double.parseDouble((String) f.get("price"));
            // 5 %: the approval's price-drift limit plus slippage between the sizing price and the fill.
            assertTrue(value <= maxPositionPct * equity * 1.05, f.get("symbol") + " entry of " + value + " at " + at
                    + " above " + maxPositionPct + " of equity " + equity);
        }
    }
}
