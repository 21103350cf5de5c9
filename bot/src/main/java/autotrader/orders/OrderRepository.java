package autotrader.orders;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders, their audit trail, fills, the bot's own positions and cash, all in one SQLite file. Every
 * state change goes through {@link #transition}, which checks the state machine and writes the event
 * in the same transaction as the change.
 */
public final class OrderRepository {

    private final Jdbi jdbi;
    private final Clock clock;

    public OrderRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Writes a new order in INTENT with its first event. Nothing has been sent yet. */
    public StoredOrder insertIntent(String account, OrderRequest r, Long parentId) {
        String now = clock.instant().toString();
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO orders(account, client_order_id, intent_ref, parent_id, origin, role, symbol, side, quantity, order_type,
                                               limit_price, take_profit, stop_loss, trailing_offset, state, created_at, updated_at)
                            VALUES (:account, :cid, :intent, :parent, 'SENT', :role, :symbol, :side, :qty, :type, :limit, :tp, :sl, :trail, 'INTENT', :now, :now)""")
                    .bind("account", account).bind("cid", r.clientOrderId()).bind("intent", r.intentRef()).bind("parent", parentId)
                    .bind("role", r.role().name()).bind("symbol", r.symbol()).bind("side", r.side().name()).bind("qty", r.quantity())
                    .bind("type", r.orderType().name()).bind("limit", str(r.limitPrice())).bind("tp", str(r.takeProfit()))
                    .bind("sl", str(r.stopLoss())).bind("trail", str(r.trailingStop())).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            event(h, id, null, OrderState.INTENT, "intent written: " + describe(r), now);
            return get(h, id);
        });
    }

    /** A child leg the broker reported for one of our orders (take-profit or stop-loss of a bracket). */
    public StoredOrder insertChild(StoredOrder parent, BrokerOrder leg) {
        String now = clock.instant().toString();
        return jdbi.inTransaction(h -> {
            OrderRole role = leg.legRole();
            long id = h.createUpdate("""
                            INSERT INTO orders(account, client_order_id, intent_ref, parent_id, origin, role, symbol, side, quantity, order_type,
                                               limit_price, stop_price, state, broker_order_id, created_at, updated_at)
                            VALUES (:account, :cid, :intent, :parent, 'CHILD', :role, :symbol, :side, :qty, :type, :limit, :stop, :state, :bid, :now, :now)""")
                    .bind("account", parent.account()).bind("cid", parent.clientOrderId() + "-" + role.name() + "-" + leg.brokerOrderId())
                    .bind("intent", parent.intentRef()).bind("parent", parent.id()).bind("role", role.name())
                    .bind("symbol", leg.symbol()).bind("side", leg.side().name()).bind("qty", leg.quantity())
                    .bind("type", leg.type().name()).bind("limit", str(leg.limitPrice())).bind("stop", str(leg.stopPrice()))
                    .bind("state", leg.state().name()).bind("bid", leg.brokerOrderId()).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            event(h, id, null, leg.state(), role + " leg of order " + parent.id() + " reported by the broker (" + leg.rawStatus() + ")", now);
            return get(h, id);
        });
    }

    /**
     * Moves an order to {@code to}, refusing moves the state machine does not allow. Returns the
     * updated row. A move to the state it is already in is a no-op (reconciliation re-reads the
     * same broker answer many times), except PARTIALLY_FILLED which records each further fill.
     */
    public StoredOrder transition(long id, OrderState to, String cause) {
        String now = clock.instant().toString();
        return jdbi.inTransaction(h -> {
            StoredOrder o = get(h, id);
            if (o.state() == to && to != OrderState.PARTIALLY_FILLED) return o;
            if (!o.state().canMoveTo(to)) throw new IllegalTransitionException(id, o.state(), to, cause);
            if (to == OrderState.SUBMITTING) {
                h.execute("UPDATE orders SET state = ?, updated_at = ?, submitting_at = ?, listing_misses = 0 WHERE id = ?", to.name(), now, now, id);
            } else {
                h.execute("UPDATE orders SET state = ?, updated_at = ? WHERE id = ?", to.name(), now, id);
            }
            event(h, id, o.state(), to, cause, now);
            return get(h, id);
        });
    }

    public void setBrokerOrderId(long id, String brokerOrderId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE orders SET broker_order_id = ?, updated_at = ? WHERE id = ?")
                .bind(0, brokerOrderId).bind(1, clock.instant().toString()).bind(2, id).execute());
    }

    public void countListingMiss(long id) {
        jdbi.useHandle(h -> h.execute("UPDATE orders SET listing_misses = listing_misses + 1 WHERE id = ?", id));
    }

    public void resetListingMisses(long id) {
        jdbi.useHandle(h -> h.execute("UPDATE orders SET listing_misses = 0 WHERE id = ?", id));
    }

    /**
     * Records a fill once (keyed by the broker's execution id) and moves the bot's position and cash
     * with it, all in one transaction. Returns false when the fill was already recorded.
     */
    public boolean recordFill(StoredOrder o, BrokerFill f) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT OR IGNORE INTO fills(account, order_id, exec_id, symbol, side, quantity, price, commission, filled_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .bind(0, o.account()).bind(1, o.id()).bind(2, f.execId()).bind(3, o.symbol()).bind(4, o.side().name())
                    .bind(5, f.quantity()).bind(6, f.price().toPlainString())
                    .bind(7, (f.commission() == null ? BigDecimal.ZERO : f.commission()).toPlainString()).bind(8, f.time().toString())
                    .execute();
            if (inserted == 0) return false;
            applyToBook(h, o.account(), o.symbol(), o.side(), f);
            // Filled quantity and average price follow from all recorded fills of the order.
            var agg = h.createQuery("SELECT quantity, price FROM fills WHERE order_id = ?").bind(0, o.id())
                    .map((rs, ctx) -> new BigDecimal[]{new BigDecimal(rs.getLong(1)), new BigDecimal(rs.getString(2))}).list();
            BigDecimal qty = BigDecimal.ZERO, notional = BigDecimal.ZERO;
            for (BigDecimal[] a : agg) {
                qty = qty.add(a[0]);
                notional = notional.add(a[0].multiply(a[1]));
            }
            BigDecimal avg = notional.divide(qty, 4, RoundingMode.HALF_UP);
            h.createUpdate("UPDATE orders SET filled_quantity = ?, avg_fill_price = ?, updated_at = ? WHERE id = ?")
                    .bind(0, qty.longValueExact()).bind(1, avg.toPlainString()).bind(2, clock.instant().toString()).bind(3, o.id()).execute();
            return true;
        });
    }

    private void applyToBook(Handle h, String account, String symbol, Side side, BrokerFill f) {
        long signed = side == Side.BUY ? f.quantity() : -f.quantity();
        BigDecimal commission = f.commission() == null ? BigDecimal.ZERO : f.commission();
        BigDecimal cashMove = f.price().multiply(BigDecimal.valueOf(-signed)).subtract(commission);
        Optional<BookPosition> current = h.createQuery("SELECT quantity, avg_price FROM positions WHERE account = ? AND symbol = ?")
                .bind(0, account).bind(1, symbol)
                .map((rs, ctx) -> new BookPosition(symbol, rs.getLong(1), new BigDecimal(rs.getString(2)))).findOne();
        long oldQty = current.map(BookPosition::quantity).orElse(0L);
        BigDecimal oldAvg = current.map(BookPosition::avgPrice).orElse(BigDecimal.ZERO);
        long newQty = oldQty + signed;
        BigDecimal newAvg;
        if (newQty == 0) newAvg = BigDecimal.ZERO;
        else if (oldQty == 0 || Long.signum(oldQty) != Long.signum(newQty)) newAvg = f.price();
        else if (Math.abs(newQty) > Math.abs(oldQty)) {   // adding to the position: weighted average
            newAvg = oldAvg.multiply(BigDecimal.valueOf(Math.abs(oldQty))).add(f.price().multiply(BigDecimal.valueOf(f.quantity())))
                    .divide(BigDecimal.valueOf(Math.abs(newQty)), 4, RoundingMode.HALF_UP);
        } else newAvg = oldAvg;                             // reducing: the average cost of what is left is unchanged
        String now = clock.instant().toString();
        if (newQty == 0) {
            h.execute("DELETE FROM positions WHERE account = ? AND symbol = ?", account, symbol);
        } else {
            h.execute("INSERT INTO positions(account, symbol, quantity, avg_price, updated_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT(account, symbol) DO UPDATE SET quantity = excluded.quantity, avg_price = excluded.avg_price, "
                    + "updated_at = excluded.updated_at", account, symbol, newQty, newAvg.toPlainString(), now);
        }
        BigDecimal cash = cash(h, account).orElse(BigDecimal.ZERO).add(cashMove);
        setCash(h, account, cash, now);
    }

    public record BookPosition(String symbol, long quantity, BigDecimal avgPrice) {
    }

    public List<BookPosition> positions(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT symbol, quantity, avg_price FROM positions WHERE account = ? ORDER BY symbol")
                .bind(0, account).map((rs, ctx) -> new BookPosition(rs.getString(1), rs.getLong(2), new BigDecimal(rs.getString(3)))).list());
    }

    public Optional<BigDecimal> cash(String account) {
        return jdbi.withHandle(h -> cash(h, account));
    }

    private static Optional<BigDecimal> cash(Handle h, String account) {
        return h.createQuery("SELECT cash FROM account_cash WHERE account = ?").bind(0, account).mapTo(String.class).findOne().map(BigDecimal::new);
    }

    /** Sets the bot's cash only where it has none yet (first contact with a broker account). */
    public void initCashIfAbsent(String account, BigDecimal cash) {
        jdbi.useHandle(h -> h.execute("INSERT OR IGNORE INTO account_cash(account, cash, updated_at) VALUES (?, ?, ?)",
                account, cash.toPlainString(), clock.instant().toString()));
    }

    private static void setCash(Handle h, String account, BigDecimal cash, String now) {
        h.execute("INSERT INTO account_cash(account, cash, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT(account) DO UPDATE SET cash = excluded.cash, updated_at = excluded.updated_at", account, cash.toPlainString(), now);
    }

    /** Equity of the first account snapshot at or after {@code from}: the base of P&L over a period. */
    public Optional<BigDecimal> equitySince(String account, Instant from) {
        return jdbi.withHandle(h -> h.createQuery("SELECT equity FROM account_snapshots WHERE account = ? AND at >= ? ORDER BY at LIMIT 1")
                .bind(0, account).bind(1, from.toString()).mapTo(String.class).findOne().map(BigDecimal::new));
    }

    /** A symbol's latest stop fill (stop-loss or trailing stop) in a window: the rules' cool-down after a stop-out. */
    public record StopFill(String symbol, Instant at) {
    }

    /** Each symbol's latest stop-loss or trailing-stop fill filled in [{@code from}, {@code to}]. */
    public List<StopFill> latestStopFills(String account, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.symbol, max(f.filled_at) AS at FROM fills f JOIN orders o ON o.id = f.order_id
                        WHERE f.account = ? AND o.role IN ('STOP_LOSS', 'TRAILING_STOP') AND f.filled_at >= ? AND f.filled_at <= ?
                        GROUP BY f.symbol""")
                .bind(0, account).bind(1, from.toString()).bind(2, to.toString())
                .map((rs, ctx) -> new StopFill(rs.getString("symbol"), Instant.parse(rs.getString("at")))).list());
    }

    public record EquityPoint(Instant at, BigDecimal equity) {
    }

    /** Every account snapshot's equity in the order they were taken (the reconciler takes one per run). */
    public List<EquityPoint> equityCurve(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, equity FROM account_snapshots WHERE account = ? ORDER BY id")
                .bind(0, account).map((rs, ctx) -> new EquityPoint(Instant.parse(rs.getString(1)), new BigDecimal(rs.getString(2)))).list());
    }

    /** The broker's balances as the latest snapshot recorded them (each reconciliation takes one). */
    public record Snapshot(Instant at, BigDecimal cash, BigDecimal equity) {
    }

    public Optional<Snapshot> latestSnapshot(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, cash, equity FROM account_snapshots WHERE account = ? ORDER BY id DESC LIMIT 1")
                .bind(0, account).map((rs, ctx) -> new Snapshot(Instant.parse(rs.getString(1)), new BigDecimal(rs.getString(2)),
                        new BigDecimal(rs.getString(3)))).findOne());
    }

    public void snapshot(String account, Balances b) {
        jdbi.useHandle(h -> h.execute("INSERT INTO account_snapshots(account, at, cash, equity, buying_power) VALUES (?, ?, ?, ?, ?)",
                account, clock.instant().toString(), b.cash().toPlainString(), b.equity().toPlainString(),
                b.buyingPower() == null ? null : b.buyingPower().toPlainString()));
    }

    public StoredOrder get(long id) {
        return jdbi.withHandle(h -> get(h, id));
    }

    private static StoredOrder get(Handle h, long id) {
        return h.createQuery("SELECT * FROM orders WHERE id = ?").bind(0, id).map((rs, ctx) -> row(rs)).one();
    }

    public Optional<StoredOrder> byIntent(String account, String intentRef, OrderRole role) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM orders WHERE account = ? AND intent_ref = ? AND role = ? AND origin = 'SENT'")
                .bind(0, account).bind(1, intentRef).bind(2, role.name()).map((rs, ctx) -> row(rs)).findOne());
    }

    public Optional<StoredOrder> byBrokerId(String account, String brokerOrderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM orders WHERE account = ? AND broker_order_id = ?")
                .bind(0, account).bind(1, brokerOrderId).map((rs, ctx) -> row(rs)).findOne());
    }

    public List<StoredOrder> inStates(String account, OrderState... states) {
        StringBuilder in = new StringBuilder();
        for (OrderState s : states) in.append(in.length() == 0 ? "" : ",").append('\'').append(s.name()).append('\'');
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM orders WHERE account = ? AND state IN (" + in + ") ORDER BY id")
                .bind(0, account).map((rs, ctx) -> row(rs)).list());
    }

    public List<StoredOrder> children(long parentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM orders WHERE parent_id = ? ORDER BY id").bind(0, parentId)
                .map((rs, ctx) -> row(rs)).list());
    }

    /** Orders we sent that still need the broker's word: not terminal themselves, or with a child that is not. */
    public List<StoredOrder> sentNeedingSync(String account) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM orders o WHERE o.account = ? AND o.origin = 'SENT' AND o.broker_order_id IS NOT NULL
                          AND (o.state IN ('SUBMITTED','PARTIALLY_FILLED','WAITING')
                               OR EXISTS (SELECT 1 FROM orders c WHERE c.parent_id = o.id AND c.origin = 'CHILD'
                                          AND c.state IN ('SUBMITTED','PARTIALLY_FILLED','WAITING')))
                        ORDER BY o.id""").bind(0, account).map((rs, ctx) -> row(rs)).list());
    }

    /** When the order's first fill happened (times compared parsed: ISO text with and without fractions does not sort in time order). */
    public Optional<Instant> firstFillAt(long orderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT filled_at FROM fills WHERE order_id = ?").bind(0, orderId)
                .mapTo(String.class).list()).stream().map(Instant::parse).min(Instant::compareTo);
    }

    public List<StoredOrder> all(String account, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM orders WHERE account = ? ORDER BY id DESC LIMIT ?")
                .bind(0, account).bind(1, limit).map((rs, ctx) -> row(rs)).list());
    }

    public record Event(long orderId, Instant at, OrderState from, OrderState to, String cause) {
    }

    /** How many times the order was put in flight (SUBMITTING): each is one POST, or one that a crash cut short. */
    public int sendAttempts(long orderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM order_events WHERE order_id = ? AND to_state = 'SUBMITTING'")
                .bind(0, orderId).mapTo(Integer.class).one());
    }

    /** The cause written with the order's latest move into {@code state}, if it was ever there. */
    public Optional<String> lastCause(long orderId, OrderState state) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cause FROM order_events WHERE order_id = ? AND to_state = ? ORDER BY id DESC LIMIT 1")
                .bind(0, orderId).bind(1, state.name()).mapTo(String.class).findOne());
    }

    public List<Event> events(long orderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM order_events WHERE order_id = ? ORDER BY id").bind(0, orderId)
                .map((rs, ctx) -> new Event(rs.getLong("order_id"), Instant.parse(rs.getString("at")),
                        rs.getString("from_state") == null ? null : OrderState.valueOf(rs.getString("from_state")),
                        OrderState.valueOf(rs.getString("to_state")), rs.getString("cause"))).list());
    }

    private static void event(Handle h, long id, OrderState from, OrderState to, String cause, String at) {
        h.execute("INSERT INTO order_events(order_id, at, from_state, to_state, cause) VALUES (?, ?, ?, ?, ?)",
                id, at, from == null ? null : from.name(), to.name(), cause);
    }

    static String describe(OrderRequest r) {
        StringBuilder s = new StringBuilder(r.role() + " " + r.side() + " " + r.quantity() + " " + r.symbol() + " " + r.orderType());
        if (r.limitPrice() != null) s.append(" @ ").append(r.limitPrice());
        if (r.takeProfit() != null) s.append(" tp ").append(r.takeProfit());
        if (r.stopLoss() != null) s.append(" sl ").append(r.stopLoss());
        if (r.trailingStop() != null) s.append(" trail ").append(r.trailingStop());
        return s.append(" [").append(r.clientOrderId()).append(']').toString();
    }

    private static StoredOrder row(ResultSet rs) throws SQLException {
        return new StoredOrder(rs.getLong("id"), rs.getString("account"), rs.getString("client_order_id"), rs.getString("intent_ref"),
                rs.getObject("parent_id") == null ? null : rs.getLong("parent_id"), rs.getString("origin"),
                OrderRole.valueOf(rs.getString("role")), rs.getString("symbol"), Side.valueOf(rs.getString("side")), rs.getLong("quantity"),
                OrderType.valueOf(rs.getString("order_type")), dec(rs, "limit_price"), dec(rs, "stop_price"), dec(rs, "take_profit"),
                dec(rs, "stop_loss"), dec(rs, "trailing_offset"), OrderState.valueOf(rs.getString("state")), rs.getString("broker_order_id"),
                rs.getLong("filled_quantity"), dec(rs, "avg_fill_price"), Instant.parse(rs.getString("created_at")),
                rs.getString("submitting_at") == null ? null : Instant.parse(rs.getString("submitting_at")),
                Instant.parse(rs.getString("updated_at")), rs.getInt("listing_misses"));
    }

    private static BigDecimal dec(ResultSet rs, String col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? null : new BigDecimal(s);
    }

    private static String str(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
