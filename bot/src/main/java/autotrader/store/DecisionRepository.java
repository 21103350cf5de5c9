package autotrader.store;

import autotrader.pipeline.CycleDecision;
import autotrader.pipeline.DecisionWriter;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.List;

import java.util.Optional;
/** The decisions table: what the ensemble said about each candidate, and which model files said it. */
public final class DecisionRepository {

    private final Jdbi jdbi;

    DecisionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void saveAll(List<CycleDecision> decisions, String source, boolean simulated, String modelVersions) {
        if (decisions.isEmpty()) return;
        String now = Instant.now().toString();
        jdbi.useTransaction(h -> {
            PreparedBatch b = h.prepareBatch("""
                    INSERT INTO decisions(as_of, created_at, source, simulated, symbol, decision, confidence, expected_return, risk_score,
                        time_horizon, price, models_agree, momentum_score, json, model_versions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            for (CycleDecision d : decisions) {
                b.add(d.asOf().toString(), now, source, simulated ? 1 : 0, d.symbol(), d.decision().name(), finite(d.confidence()),
                        finite(d.expectedReturn()), d.riskScore(), d.timeHorizon().label(), d.price(), d.modelsAgree(),
                        finite(d.momentumScore()), DecisionWriter.of(d).toString(), modelVersions);
            }
            b.execute();
        });
    }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM decisions").mapTo(Integer.class).one());
    }

    /** The stored JSON of the latest cycle's decisions, best confidence first. */
    public List<String> latestCycle() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT json FROM decisions WHERE as_of = (SELECT as_of FROM decisions ORDER BY id DESC LIMIT 1)
                        ORDER BY confidence DESC""").mapTo(String.class).list());
    }

    /** The latest cycle in numbers: its market time, how many decisions it stored and how many were BUY. */
    public record CycleSummary(Instant asOf, int decisions, int buys) {
    }

    /** The latest cycle's summary; empty before the first cycle. */
    public Optional<CycleSummary> latestCycleSummary() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT as_of, count(*) AS n, sum(decision = 'BUY') AS buys FROM decisions
                        WHERE as_of = (SELECT as_of FROM decisions ORDER BY id DESC LIMIT 1) GROUP BY as_of""")
                .map((rs, c) -> new CycleSummary(Instant.parse(rs.getString("as_of")), rs.getInt("n"), rs.getInt("buys"))).findOne());
    }

    /** The stored JSON of the latest decision about {@code symbol}, from whichever cycle made it. */
    public Optional<String> latestFor(String symbol) {
        return jdbi.withHandle(h -> h.createQuery("SELECT json FROM decisions WHERE symbol = ? ORDER BY id DESC LIMIT 1")
                .bind(0, symbol).mapTo(String.class).findOne());
    }

    /** The confidence of the latest BUY on {@code symbol} decided at or before {@code at}; NaN when there is none. */
    public double latestBuyConfidence(String symbol, Instant at) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT confidence FROM decisions WHERE symbol = ? AND as_of <= ? AND decision = 'BUY' ORDER BY as_of DESC LIMIT 1""")
                .bind(0, symbol).bind(1, at.toString()).mapTo(Double.class).findOne().orElse(Double.NaN));
    }

    /** A stored decision's columns as written (confidence null where the ensemble gave none). */
    public record StoredDecision(String asOf, String symbol, String decision, Double confidence, String json) {
    }

    /** Every stored decision, in the order they were stored. */
    public List<StoredDecision> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT as_of, symbol, decision, confidence, json FROM decisions ORDER BY id")
                .map((rs, ctx) -> new StoredDecision(rs.getString(1), rs.getString(2), rs.getString(3), (Double) rs.getObject(4, Double.class),
                        rs.getString(5))).list());
    }

    /** How many decisions, BUYs, and BUYs at or above a confidence floor. */
    public record Counts(int all, int buys, int atFloor) {
    }

    /** The decision counts; none counted at the floor when {@code floor} is NaN (no floor). */
    public Counts counts(double floor) {
        return jdbi.withHandle(h -> {
            int all = h.createQuery("SELECT count(*) FROM decisions").mapTo(Integer.class).one();
            int buys = h.createQuery("SELECT count(*) FROM decisions WHERE decision = 'BUY'").mapTo(Integer.class).one();
            int strong = Double.isNaN(floor) ? 0 : h.createQuery("SELECT count(*) FROM decisions WHERE decision = 'BUY' AND confidence >= ?")
                    .bind(0, floor).mapTo(Integer.class).one();
            return new Counts(all, buys, strong);
        });
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
