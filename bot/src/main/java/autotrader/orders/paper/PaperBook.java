package autotrader.orders.paper;

import autotrader.orders.BrokerFill;
import autotrader.orders.OrderType;
import autotrader.orders.Side;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The paper broker's book in SQLite (paper_orders, paper_fills, paper_account, paper_positions):
 * every query on those tables. The broker works on a {@link Session}, one connection or one
 * transaction; the backtest reads the ledger through {@link #fills()} and {@link #legs(long)}.
 */
public final class PaperBook {

    private final Jdbi jdbi;

    public PaperBook(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Opens the single paper account with {@code startingCash}; an account already there keeps its cash. */
    void openAccount(BigDecimal startingCash) {
        jdbi.useHandle(h -> h.execute("INSERT OR IGNORE INTO paper_account(id, starting_cash, cash) VALUES (1, ?, ?)",
                startingCash.toPlainString(), startingCash.toPlainString()));
    }

    /** Reads on one connection. */
    <T> T read(Function<Session, T> work) {
        return jdbi.withHandle(h -> work.apply(new Session(h)));
    }

    <T> T inTransaction(Function<Session, T> work) {
        return jdbi.inTransaction(h -> work.apply(new Session(h)));
    }

    void useTransaction(Consumer<Session> work) {
        jdbi.useTransaction(h -> work.accept(new Session(h)));
    }

    /** One fill of the ledger with its order's placement time and type. */
    public record LedgerFill(long orderId, String symbol, Side side, long quantity, BigDecimal price, BigDecimal commission,
                             Instant filledAt, Instant placedAt, String orderType) {
    }

    /** Every fill, in the order they happened (paper_fills joined with their paper_orders). */
    public List<LedgerFill> fills() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.paper_order_id, f.symbol, f.side, f.quantity, f.price, f.commission, f.filled_at, o.placed_at, o.order_type
                        FROM paper_fills f JOIN paper_orders o ON o.id = f.paper_order_id ORDER BY f.id""")
                .map((rs, ctx) -> new LedgerFill(rs.getLong(1), rs.getString(2), Side.valueOf(rs.getString(3)), rs.getLong(4),
                        new BigDecimal(rs.getString(5)), new BigDecimal(rs.getString(6)), Instant.parse(rs.getString(7)),
                        Instant.parse(rs.getString(8)), rs.getString(9)))
                .list());
    }

    /** A child order of a bracket: its type and its stop and limit prices as stored (null where it has none). */
    public record Leg(String orderType, String stopPrice, String limitPrice) {
    }

    /** The child orders (bracket legs) of order {@code parentId}. */
    public List<Leg> legs(long parentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT order_type, stop_price, limit_price FROM paper_orders WHERE parent_id = ?")
                .bind(0, parentId).map((rs, ctx) -> new Leg(rs.getString(1), rs.getString(2), rs.getString(3))).list());
    }

    /** A paper_positions row. */
    record Holding(String symbol, long quantity, BigDecimal avgPrice) {
    }

    /** The book on one connection (or inside one transaction). */
    static final class Session {

        private final Handle h;

        private Session(Handle h) {
            this.h = h;
        }

        long insertOrder(Long parent, String group, String tag, String symbol, Side side, OrderType type, long qty,
                         BigDecimal limit, BigDecimal stop, BigDecimal trail, String status, Instant placedAt, Instant activeFrom) {
            return h.createUpdate("""
                            INSERT INTO paper_orders(parent_id, oco_group, tag, symbol, side, order_type, quantity, limit_price, stop_price,
                                                     trailing_offset, status, placed_at, active_from)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, parent).bind(1, group).bind(2, tag).bind(3, symbol).bind(4, side.name()).bind(5, type.name()).bind(6, qty)
                    .bind(7, str(limit)).bind(8, str(stop)).bind(9, str(trail)).bind(10, status).bind(11, placedAt.toString())
                    .bind(12, activeFrom == null ? null : activeFrom.toString())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }

        Optional<PaperBroker.PaperRow> order(long id) {
            return h.createQuery("SELECT * FROM paper_orders WHERE id = ?").bind(0, id).map((rs, ctx) -> row(rs)).findOne();
        }

        List<PaperBroker.PaperRow> children(long id) {
            return h.createQuery("SELECT * FROM paper_orders WHERE parent_id = ? ORDER BY id").bind(0, id).map((rs, ctx) -> row(rs)).list();
        }

        /** Top-level orders (no parent) placed from {@code from} to {@code to}, both included. */
        List<PaperBroker.PaperRow> placedBetween(Instant from, Instant to) {
            return h.createQuery("SELECT * FROM paper_orders WHERE parent_id IS NULL AND placed_at >= ? AND placed_at <= ? ORDER BY id")
                    .bind(0, from.toString()).bind(1, to.toString()).map((rs, ctx) -> row(rs)).list();
        }

        /** The working orders that can fill (OCO wrappers never do), oldest first. */
        List<PaperBroker.PaperRow> working() {
            return h.createQuery("SELECT * FROM paper_orders WHERE status = 'WORKING' AND order_type != 'OCO' ORDER BY id")
                    .map((rs, ctx) -> row(rs)).list();
        }

        /** Order {@code id}'s average fill price, empty while it has none. */
        Optional<BigDecimal> fillPrice(long id) {
            return h.createQuery("SELECT avg_fill_price FROM paper_orders WHERE id = ?").bind(0, id)
                    .mapTo(String.class).findOne().map(BigDecimal::new);
        }

        List<BrokerFill> fillsOf(long orderId) {
            return h.createQuery("SELECT * FROM paper_fills WHERE paper_order_id = ? ORDER BY id").bind(0, orderId)
                    .map((rs, ctx) -> new BrokerFill("paper-" + rs.getLong("id"), rs.getLong("quantity"), new BigDecimal(rs.getString("price")),
                            new BigDecimal(rs.getString("commission")), Instant.parse(rs.getString("filled_at")))).list();
        }

        void insertFill(long orderId, String symbol, Side side, long qty, BigDecimal price, BigDecimal commission, Instant at) {
            h.execute("INSERT INTO paper_fills(paper_order_id, symbol, side, quantity, price, commission, filled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    orderId, symbol, side.name(), qty, price.toPlainString(), commission.toPlainString(), at.toString());
        }

        void markFilled(long id, long qty, BigDecimal price, Instant at) {
            h.execute("UPDATE paper_orders SET status = 'FILLED', filled_quantity = ?, avg_fill_price = ?, closed_at = ? WHERE id = ?",
                    qty, price.toPlainString(), at.toString(), id);
        }

        /** A waiting leg starts working from {@code from}. */
        void activate(long id, Instant from) {
            h.execute("UPDATE paper_orders SET status = 'WORKING', active_from = ? WHERE id = ?", from.toString(), id);
        }

        /** Cancels the open orders of OCO group {@code group} other than {@code filledId}. */
        void cancelOcoSiblings(String group, long filledId, String reason, Instant at) {
            h.execute("UPDATE paper_orders SET status = 'CANCELED', status_reason = ?, closed_at = ? WHERE oco_group = ? AND id != ? AND status IN ('WORKING','WAITING')",
                    reason, at.toString(), group, filledId);
        }

        /** Marks order {@code id} filled if it is an OCO wrapper. */
        void fillOcoWrapper(long id, Instant at) {
            h.execute("UPDATE paper_orders SET status = 'FILLED', closed_at = ? WHERE id = ? AND order_type = 'OCO'", at.toString(), id);
        }

        void close(long id, String status, String reason, Instant at) {
            h.execute("UPDATE paper_orders SET status = ?, status_reason = ?, closed_at = ? WHERE id = ?", status, reason, at.toString(), id);
        }

        BigDecimal cash() {
            return new BigDecimal(h.createQuery("SELECT cash FROM paper_account WHERE id = 1").mapTo(String.class).one());
        }

        void setCash(BigDecimal cash) {
            h.execute("UPDATE paper_account SET cash = ? WHERE id = 1", cash.toPlainString());
        }

        List<Holding> positions() {
            return h.createQuery("SELECT symbol, quantity, avg_price FROM paper_positions ORDER BY symbol")
                    .map((rs, ctx) -> new Holding(rs.getString(1), rs.getLong(2), new BigDecimal(rs.getString(3)))).list();
        }

        Optional<Holding> position(String symbol) {
            return h.createQuery("SELECT symbol, quantity, avg_price FROM paper_positions WHERE symbol = ?").bind(0, symbol)
                    .map((rs, ctx) -> new Holding(rs.getString(1), rs.getLong(2), new BigDecimal(rs.getString(3)))).findOne();
        }

        /** The quantity held of {@code symbol}, 0 when none. */
        long held(String symbol) {
            return h.createQuery("SELECT quantity FROM paper_positions WHERE symbol = ?").bind(0, symbol).mapTo(Long.class).findOne().orElse(0L);
        }

        void putPosition(String symbol, long quantity, BigDecimal avgPrice) {
            h.execute("INSERT INTO paper_positions(symbol, quantity, avg_price) VALUES (?, ?, ?) ON CONFLICT(symbol) DO UPDATE SET "
                    + "quantity = excluded.quantity, avg_price = excluded.avg_price", symbol, quantity, avgPrice.toPlainString());
        }

        void deletePosition(String symbol) {
            h.execute("DELETE FROM paper_positions WHERE symbol = ?", symbol);
        }
    }

    private static PaperBroker.PaperRow row(ResultSet rs) throws SQLException {
        PaperBroker.PaperRow r = new PaperBroker.PaperRow();
        r.id = rs.getLong("id");
        r.parentId = rs.getObject("parent_id") == null ? null : rs.getLong("parent_id");
        r.ocoGroup = rs.getString("oco_group");
        r.tag = rs.getString("tag");
        r.symbol = rs.getString("symbol");
        r.status = rs.getString("status");
        r.reason = rs.getString("status_reason");
        r.side = Side.valueOf(rs.getString("side"));
        r.type = OrderType.valueOf(rs.getString("order_type"));
        r.quantity = rs.getLong("quantity");
        r.filled = rs.getLong("filled_quantity");
        r.limit = dec(rs.getString("limit_price"));
        r.stop = dec(rs.getString("stop_price"));
        r.trail = dec(rs.getString("trailing_offset"));
        r.placedAt = Instant.parse(rs.getString("placed_at"));
        r.activeFrom = rs.getString("active_from") == null ? null : Instant.parse(rs.getString("active_from"));
        return r;
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static String str(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
