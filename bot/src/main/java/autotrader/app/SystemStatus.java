package autotrader.app;

import autotrader.ensemble.EnsembleStore;
import autotrader.market.Timeframe;
import autotrader.rules.RuleSource;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of `status` beyond the last scan: the last cycle, approvals, positions, rules and models. */
final class SystemStatus {

    private SystemStatus() {
    }

    /** Labelled one-line read-outs, in the order a person reads them. */
    static Map<String, String> lines(AppContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        var db = ctx.store().jdbi();
        out.put("last cycle", db.withHandle(h -> h.createQuery("""
                        SELECT as_of, count(*) AS n, sum(decision = 'BUY') AS buys FROM decisions
                        WHERE as_of = (SELECT as_of FROM decisions ORDER BY id DESC LIMIT 1) GROUP BY as_of""")
                .map((rs, c) -> ScanReport.when(java.time.Instant.parse(rs.getString("as_of"))) + ": " + rs.getInt("n") + " decisions, "
                        + rs.getInt("buys") + " BUY")
                .findOne().orElse("none yet")));
        var approvals = ApprovalCommands.service(ctx);
        out.put("approvals", approvals.pending().size() + " pending, " + approvals.count() + " intents in all");
        try {
            out.put("positions", OrderLayer.create(ctx, OrderLayer.cliMarketNow(ctx), autotrader.orders.Alerts.log()).manager()
                    .repository().positions(ctx.config().mode.label()).size() + " open (see `autotrader positions`)");
        } catch (RuntimeException e) {
            out.put("positions", "unavailable: " + e.getMessage());
        }
        Path rules = ctx.loaded().resolve("rules");
        try {
            out.put("rules", RuleSource.read(rules).sha256().substring(0, 12) + " (" + rules + ")");
        } catch (RuntimeException e) {
            out.put("rules", "unreadable: " + e.getMessage());
        }
        out.put("predictors", predictors(ctx.loaded().resolve(ctx.config().predict.modelsDir)));
        out.put("ensemble", ensemble(ctx.loaded().resolve(ctx.config().ensemble.modelDir)));
        out.put("model versions", ModelVersions.of(ctx));
        return out;
    }

    private static String predictors(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (Timeframe tf : Timeframe.values()) {
            Path card = dir.resolve(tf.label() + ".json");
            String v;
            try {
                JsonNode c = ScanReport.JSON.readTree(card.toFile());
                JsonNode beats = c.findValue("beats_naive_baseline");
                v = beats == null ? "?" : beats.asBoolean() ? "beats naive" : "worse than naive";
            } catch (Exception e) {
                v = Files.exists(card) ? "card unreadable" : "missing";
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(tf.label()).append(' ').append(v);
        }
        return sb.toString();
    }

    private static String ensemble(Path dir) {
        try {
            var card = EnsembleStore.readCard(dir);
            var stacked = card.holdoutMetrics().get("stacked");
            return String.format("trained %s, held-out AUC %.3f, accuracy %.3f (always HOLD %.3f)", card.trainedAt(), stacked.aucMacro(),
                    stacked.accuracy(), card.alwaysHold() == null ? Double.NaN : card.alwaysHold().accuracy());
        } catch (Exception e) {
            return "not trained (" + dir + "): run `autotrader train ensemble`";
        }
    }
}
