package autotrader.approvals;

import autotrader.rules.TradeIntent;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The intents table. Status leaves PENDING exactly once, through {@link #decide}. */
public final class IntentRepository {

    public enum Status { PENDING, APPROVED, REJECTED, EXPIRED }

    /** A stored intent with its decision so far. */
    public record StoredIntent(PendingIntent intent, String account, Status status, String decidedBy, Instant decidedAt,
                               ApprovalOutcome.Kind outcome, String outcomeDetail, Long orderId, String rulesVersion) {
    }

    private final Jdbi jdbi;

    public IntentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insert(String account, TradeIntent t, Instant createdAt, Instant expiresAt, double signalPrice) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO intents(account, created_at, expires_at, symbol, side, quantity, entry_type, entry_price, limit_price,
                            stop_loss, take_profit, trailing_stop_pct, confidence, expected_return, risk_score, time_horizon,
                            fired_rules, rules_version, signal_price, hold_bars, hold_timeframe)
                        VALUES (:account, :created, :expires, :symbol, :side, :qty, :type, :entry, :limit, :stop, :tp, :trail,
                            :conf, :er, :risk, :horizon, :rules, :version, :signal, :holdBars, :holdTf)""")
                .bind("account", account).bind("created", createdAt.toString()).bind("expires", expiresAt.toString())
                .bind("symbol", t.symbol()).bind("side", t.side()).bind("qty", t.quantity()).bind("type", t.entryType())
                .bind("entry", t.entryPrice()).bind("limit", finite(t.limitPrice())).bind("stop", finite(t.stopLoss()))
                .bind("tp", finite(t.takeProfit())).bind("trail", finite(t.trailingStopPct()))
                .bind("conf", finite(t.confidence())).bind("er", finite(t.expectedReturn())).bind("risk", t.riskScore())
                .bind("horizon", t.timeHorizon()).bind("rules", String.join("\n", t.firedRules()))
                .bind("version", t.rulesVersion()).bind("signal", signalPrice)
                .bind("holdBars", t.holdBars()).bind("holdTf", t.holdBars() > 0 ? t.holdTimeframe() : null)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<StoredIntent> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM intents WHERE id = ?").bind(0, id).map(MAPPER).findOne());
    }

    public List<StoredIntent> pending(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM intents WHERE account = ? AND status = 'PENDING' ORDER BY id")
                .bind(0, account).map(MAPPER).list());
    }

    public List<StoredIntent> recent(String account, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM intents WHERE account = ? ORDER BY id DESC LIMIT ?")
                .bind(0, account).bind(1, limit).map(MAPPER).list());
    }

    /**
     * Intents created at or after {@code from}, oldest first. Times are stored as ISO text, whose order
     * is not time order within one second ("...:00.5Z" sorts before "...:00Z"), so SQL narrows by a bound
     * a second earlier and the exact cut is made on parsed instants.
     */
    public List<StoredIntent> createdSince(String account, Instant from) {
        String bound = from.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM intents WHERE account = ? AND created_at >= ? ORDER BY id")
                        .bind(0, account).bind(1, bound).map(MAPPER).list()).stream()
                .filter(s -> !s.intent().createdAt().isBefore(from)).toList();
    }

    public int count(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM intents WHERE account = ?").bind(0, account).mapTo(Integer.class).one());
    }

    /** Approved intents whose entry order was never recorded (a crash between the decision and the order). */
    public List<StoredIntent> approvedWithoutOrder(String account) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM intents WHERE account = ? AND status = 'APPROVED' AND outcome IS NULL ORDER BY id")
                .bind(0, account).map(MAPPER).list());
    }

    /**
     * Approved intents whose trader was told one thing ("submitted", "sent, not confirmed") while
     * their entry order has since become another: FAILED or REJECTED, or (for an unconfirmed one)
     * known to the broker. The approval service corrects what the trader sees.
     */
    public List<StoredIntent> toldOtherwise(String account) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT i.* FROM intents i JOIN orders o ON o.id = i.order_id
                        WHERE i.account = ? AND i.status = 'APPROVED' AND i.outcome IN ('SUBMITTED', 'UNCONFIRMED')
                          AND (o.state IN ('FAILED', 'REJECTED')
                               OR (i.outcome = 'UNCONFIRMED' AND o.state NOT IN ('APPROVED', 'SUBMITTING', 'UNKNOWN')))
                        ORDER BY i.id""").bind(0, account).map(MAPPER).list());
    }

    /** Moves a PENDING intent to {@code to}; false when someone else decided first (nothing changed). */
    public boolean decide(long id, Status to, String actor, Instant at, ApprovalOutcome.Kind outcome, String detail) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE intents SET status = :to, decided_by = :actor, decided_at = :at, outcome = :outcome, outcome_detail = :detail
                        WHERE id = :id AND status = 'PENDING'""")
                .bind("to", to.name()).bind("actor", actor).bind("at", at.toString())
                .bind("outcome", outcome == null ? null : outcome.name()).bind("detail", detail).bind("id", id)
                .execute()) == 1;
    }

    /** Records what the approval led to (after the status has left PENDING). */
    public void recordOutcome(long id, ApprovalOutcome.Kind outcome, String detail, Long orderId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE intents SET outcome = ?, outcome_detail = ?, order_id = COALESCE(?, order_id) WHERE id = ?")
                .bind(0, outcome.name()).bind(1, detail).bind(2, orderId).bind(3, id).execute());
    }

    /** An approved intent whose position must be closed after a holding limit, not yet handled. */
    public record HeldTrade(long intentId, String symbol, long orderId, int holdBars, String holdTimeframe) {}

    /** Approved intents with a holding limit whose time exit has not been sent or settled yet. */
    public List<HeldTrade> awaitingTimeExit(String account) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, symbol, order_id, hold_bars, hold_timeframe FROM intents
                        WHERE account = ? AND hold_bars > 0 AND time_exit_at IS NULL AND status = 'APPROVED' AND order_id IS NOT NULL
                        ORDER BY id""").bind(0, account)
                .map((rs, ctx) -> new HeldTrade(rs.getLong("id"), rs.getString("symbol"), rs.getLong("order_id"), rs.getInt("hold_bars"),
                        rs.getString("hold_timeframe")))
                .list());
    }

    /** Records that the time exit was sent, or is not needed (the position closed before its limit): it is not looked at again. */
    public void settleTimeExit(long id, Instant at, String detail) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE intents SET time_exit_at = ?, time_exit_detail = ? WHERE id = ? AND time_exit_at IS NULL")
                .bind(0, at.toString()).bind(1, detail).bind(2, id).execute());
    }

    /** What became of an intent's holding limit: null while it is pending (or there is none). */
    public Optional<String> timeExitDetail(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT time_exit_detail FROM intents WHERE id = ?").bind(0, id)
                .mapTo(String.class).findOne());
    }

    /** Gives an approval back (trading was paused between the claim and the order): the intent is pending again. */
    public void reopen(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE intents SET status = 'PENDING', decided_by = NULL, decided_at = NULL, outcome = NULL, "
                + "outcome_detail = NULL WHERE id = ? AND status = 'APPROVED' AND order_id IS NULL").bind(0, id).execute());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static final RowMapper<StoredIntent> MAPPER = (rs, ctx) -> {
        String rules = rs.getString("fired_rules");
        PendingIntent p = new PendingIntent(rs.getLong("id"), rs.getString("symbol"), rs.getString("side"), rs.getInt("quantity"),
                rs.getString("entry_type"), rs.getDouble("entry_price"), num(rs.getObject("limit_price")), num(rs.getObject("stop_loss")),
                num(rs.getObject("take_profit")), num(rs.getObject("trailing_stop_pct")), num(rs.getObject("confidence")),
                num(rs.getObject("expected_return")), rs.getInt("risk_score"), rs.getString("time_horizon"),
                rules == null || rules.isEmpty() ? List.of() : Arrays.asList(rules.split("\n")),
                Instant.parse(rs.getString("created_at")), Instant.parse(rs.getString("expires_at")), rs.getDouble("signal_price"),
                rs.getInt("hold_bars"), rs.getString("hold_timeframe"));
        String decidedAt = rs.getString("decided_at"), outcome = rs.getString("outcome");
        long orderId = rs.getLong("order_id");
        Long order = rs.wasNull() ? null : orderId;
        return new StoredIntent(p, rs.getString("account"), Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                decidedAt == null ? null : Instant.parse(decidedAt), outcome == null ? null : ApprovalOutcome.Kind.valueOf(outcome),
                rs.getString("outcome_detail"), order, rs.getString("rules_version"));
    };
}
