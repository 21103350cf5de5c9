package autotrader.store;

import autotrader.scan.Candidate;
import autotrader.scan.Momentum;
import autotrader.scan.ScanResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Scan runs and their ranked candidates. */
public final class ScanRepository {

    private final Jdbi jdbi;

    ScanRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores a scan and its candidates in one transaction; returns the run's id. */
    public long save(ScanResult r) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO scan_runs(as_of, started_at, source, simulated, universe_size, scanned, skipped, strategy, duration_ms)
                            VALUES (:asOf, :startedAt, :source, :simulated, :universe, :scanned, :skipped, :strategy, :ms)""")
                    .bind("asOf", r.asOf().toString()).bind("startedAt", r.startedAt().toString())
                    .bind("source", r.source()).bind("simulated", r.simulated() ? 1 : 0)
                    .bind("universe", r.universeSize()).bind("scanned", r.scanned()).bind("skipped", r.skipped().size())
                    .bind("strategy", r.strategy()).bind("ms", r.durationMs())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO candidates(scan_run_id, rank, symbol, momentum_score, rsi, rvol, percent_change, trend, trend_strength, last_price)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            for (Candidate c : r.candidates()) {
                Momentum m = c.momentum();
                batch.add(id, c.rank(), m.symbol(), m.score(), finite(m.rsi()), finite(m.rvol()), finite(m.percentChange()),
                        m.trend(), finite(m.trendStrength()), c.lastPrice());
            }
            if (!r.candidates().isEmpty()) batch.execute();
            return id;
        });
    }

    /** A stored scan run as read back (skipped symbols are counted, not listed). */
    public record StoredScan(long id, Instant asOf, Instant startedAt, String source, boolean simulated, String strategy,
                             int universeSize, int scanned, int skipped, Long durationMs, List<Candidate> candidates) {
    }

    public Optional<StoredScan> latest() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM scan_runs ORDER BY id DESC LIMIT 1")
                .map((rs, ctx) -> new StoredScan(rs.getLong("id"), Instant.parse(rs.getString("as_of")),
                        Instant.parse(rs.getString("started_at")), rs.getString("source"), rs.getInt("simulated") == 1,
                        rs.getString("strategy"), rs.getInt("universe_size"), rs.getInt("scanned"), rs.getInt("skipped"),
                        nullableLong(rs, "duration_ms"), List.of()))
                .findOne()
                .map(s -> new StoredScan(s.id(), s.asOf(), s.startedAt(), s.source(), s.simulated(), s.strategy(),
                        s.universeSize(), s.scanned(), s.skipped(), s.durationMs(), candidates(s.id()))));
    }

    /** A scan run's id and the market time it ranked at. */
    public record RunTime(long id, Instant asOf) {
    }

    /** Every stored run's id and as-of time, in the order they were stored. */
    public List<RunTime> runTimes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, as_of FROM scan_runs ORDER BY id")
                .map((rs, ctx) -> new RunTime(rs.getLong(1), Instant.parse(rs.getString(2)))).list());
    }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM scan_runs").mapTo(Integer.class).one());
    }

    public List<Candidate> candidates(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM candidates WHERE scan_run_id = ? ORDER BY rank")
                .bind(0, runId)
                .map((rs, ctx) -> new Candidate(rs.getInt("rank"), new Momentum(rs.getString("symbol"),
                        rs.getDouble("momentum_score"), num(rs.getObject("rsi")), num(rs.getObject("rvol")),
                        num(rs.getObject("percent_change")), num(rs.getObject("trend_strength")), rs.getString("trend")),
                        rs.getDouble("last_price")))
                .list());
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** SQLite has no NaN: a missing measure is stored as NULL and read back as NaN. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }
}
