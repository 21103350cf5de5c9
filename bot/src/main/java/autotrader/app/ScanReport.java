package autotrader.app;

import autotrader.market.MarketCalendar;
import autotrader.scan.Candidate;
import autotrader.scan.Momentum;
import autotrader.scan.ScanResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** How a scan reads to a person (a table) and to a program (JSON). */
final class ScanReport {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScanReport() {
    }

    static String table(ScanResult r, Long id) {
        StringBuilder sb = new StringBuilder();
        if (r.simulated()) sb.append("*** SIMULATED MARKET DATA: prices are made up by the built-in simulator ***\n");
        sb.append(String.format("Scan%s as of %s  source: %s  strategy: %s%n", id == null ? "" : " #" + id,
                MarketCalendar.wallTime(r.asOf()), r.source(), r.strategy()));
        sb.append(String.format("%d symbols in universe, %d scored, %d skipped, %d ms%n%n",
                r.universeSize(), r.scanned(), r.skipped().size(), r.durationMs()));
        sb.append(candidates(r.candidates()));
        if (!r.skipped().isEmpty()) {
            sb.append(String.format("%nSkipped (first %d of %d):%n", Math.min(5, r.skipped().size()), r.skipped().size()));
            r.skipped().stream().limit(5).forEach(s -> sb.append("  ").append(s.symbol()).append(": ").append(s.reason()).append('\n'));
        }
        return sb.toString();
    }

    static String candidates(List<Candidate> candidates) {
        StringBuilder sb = new StringBuilder(String.format("%4s  %-8s %6s %6s %6s %8s %-5s %6s %10s%n",
                "rank", "symbol", "score", "rsi", "rvol", "chg%", "trend", "str", "price"));
        for (Candidate c : candidates) {
            Momentum m = c.momentum();
            sb.append(String.format("%4d  %-8s %6.1f %6.1f %6.2f %+8.2f %-5s %+6.2f %10.2f%n", c.rank(), m.symbol(), m.score(),
                    m.rsi(), m.rvol(), m.percentChange(), m.trend(), m.trendStrength(), c.lastPrice()));
        }
        if (candidates.isEmpty()) sb.append("  (no candidates: no symbol passed the filters)\n");
        return sb.toString();
    }

    static String json(ScanResult r, Long id) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        if (id != null) root.put("scan_id", id);
        root.put("as_of", r.asOf().toString());
        root.put("source", r.source());
        root.put("simulated", r.simulated());
        root.put("strategy", r.strategy());
        root.put("universe_size", r.universeSize());
        root.put("scanned", r.scanned());
        root.put("skipped", r.skipped().size());
        root.put("duration_ms", r.durationMs());
        root.set("candidates", candidatesJson(r.candidates()));
        return JSON.writeValueAsString(root) + "\n";
    }

    static ArrayNode candidatesJson(List<Candidate> candidates) {
        ArrayNode list = JSON.createArrayNode();
        for (Candidate c : candidates) {
            Momentum m = c.momentum();
            ObjectNode o = list.addObject();
            o.put("rank", c.rank());
            o.put("symbol", m.symbol());
            o.put("momentum_score", round(m.score()));
            o.put("rsi", round(m.rsi()));
            o.put("rvol", round(m.rvol()));
            o.put("percent_change", round(m.percentChange()));
            o.put("trend", m.trend());
            o.put("trend_strength", round(m.trendStrength()));
            o.put("last_price", c.lastPrice());
        }
        return list;
    }

    static String when(Instant t) {
        return MarketCalendar.wallTime(t);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10_000) / 10_000.0 : Double.NaN;
    }
}
