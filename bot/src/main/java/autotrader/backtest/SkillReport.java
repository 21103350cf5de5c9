package autotrader.backtest;

import autotrader.ensemble.SkillRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * The model's out-of-sample record on the replayed decisions (rank IC and its Newey-West t, quintile
 * spread against the round trip, BUY calls' calibration per bucket) as metrics.json, HTML and one
 * console line: the same {@link SkillRecord} a model card carries, measured on the backtest window.
 */
public final class SkillReport {

    private SkillReport() {
    }

    static void json(ObjectNode root, SkillRecord s) {
        if (s == null) return;
        ObjectNode o = root.putObject("skill");
        o.put("source", s.source());
        o.put("score", s.score());
        o.put("decision_times", s.decisionTimes());
        o.put("rows", s.rows());
        put(o, "ic", s.ic());
        put(o, "ic_t_newey_west", s.icT());
        o.put("newey_west_lag", s.neweyWestLag());
        put(o, "ic_hit_rate", s.icHitRate());
        put(o, "top_minus_bottom_quintile", s.topMinusBottom());
        put(o, "round_trip_cost", s.roundTripCost());
        o.put("buy_calls", s.buyTrades());
        put(o, "buy_win_rate", s.buyWinRate());
        put(o, "buy_mean_return", s.buyMeanReturn());
        put(o, "calibration_error", s.calibrationError());
        ArrayNode b = o.putArray("buckets");
        if (s.buckets() != null) {
            for (SkillRecord.Bucket k : s.buckets()) {
                if (k.trades() == 0) continue;
                ObjectNode x = b.addObject();
                x.put("confidence_from", k.lower());
                x.put("confidence_to", k.upper());
                x.put("buy_calls", k.trades());
                put(x, "stated", k.statedConfidence());
                put(x, "won", k.winRate());
                put(x, "mean_return", k.meanReturn());
            }
        }
    }

    public static String line(SkillRecord s) {
        if (s == null) return "out-of-sample skill: not measured";
        return String.format(Locale.ROOT, "out-of-sample skill (%s): rank IC %s, Newey-West t %s over %d decision times (IC > 0 at %s); "
                        + "top-bottom quintile %s vs round trip %s; %d BUY calls won %s, mean %s after costs",
                s.score(), f(s.ic(), "%.4f"), f(s.icT(), "%.2f"), s.decisionTimes(), pct(s.icHitRate()), pct(s.topMinusBottom()),
                pct(s.roundTripCost()), s.buyTrades(), pct(s.buyWinRate()), pct(s.buyMeanReturn()));
    }

    static String html(SkillRecord s) {
        StringBuilder h = new StringBuilder("<h2>Model skill on these decisions (out of sample)</h2>");
        if (s == null) return h.append("<p>not measured</p>").toString();
        h.append("<p>").append(ReportWriter.esc(line(s))).append("</p>");
        h.append("<table><tr><th>stated BUY confidence</th><th>BUY calls</th><th>stated (mean)</th><th>won</th><th>mean return after costs</th></tr>");
        if (s.buckets() != null) {
            for (SkillRecord.Bucket k : s.buckets()) {
                if (k.trades() == 0) continue;
                h.append(String.format(Locale.ROOT, "<tr><td>%.1f-%.1f</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td></tr>", k.lower(), k.upper(),
                        k.trades(), pct(k.statedConfidence()), pct(k.winRate()), pct(k.meanReturn())));
            }
        }
        return h.append("</table><p><small>").append(ReportWriter.esc(s.source())).append(". Each decision's long trade (next bar's open, the "
                + "label's stop, target and horizon, costs) is replayed after the run; IC is the Spearman correlation of P(BUY) with that "
                + "trade's net return across the candidates of one decision time, averaged over times; t uses Newey-West standard errors. "
                + "A new signal needs t above 3 (Harvey, Liu &amp; Zhu 2016).</small></p>").toString();
    }

    private static void put(ObjectNode o, String key, Double v) {
        if (v == null || !Double.isFinite(v)) o.putNull(key);
        else o.put(key, v);
    }

    private static String f(Double v, String format) {
        return v == null || !Double.isFinite(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private static String pct(Double v) {
        return v == null || !Double.isFinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v * 100);
    }
}
