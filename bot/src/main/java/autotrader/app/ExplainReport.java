package autotrader.app;

import autotrader.market.MarketCalendar;
import autotrader.rules.Account;
import autotrader.rules.Evaluation;
import autotrader.rules.MarketState;
import autotrader.rules.ModelSkill;
import autotrader.rules.RejectedSignal;
import autotrader.rules.RuleBatch;
import autotrader.rules.TradeIntent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Formats an evaluation for `rules explain`: readable text, or JSON for scripts. */
final class ExplainReport {

    private ExplainReport() {
    }

    static String text(Evaluation e, RuleBatch batch) {
        StringBuilder b = new StringBuilder();
        MarketState m = batch.market();
        Account a = batch.account();
        b.append(String.format(Locale.ROOT, "rules %s (%s)%n", e.version().label(), String.join(", ", e.version().files())));
        b.append(String.format(Locale.ROOT, "market %s, %s%n", m.getNow().atZone(MarketCalendar.NEW_YORK).toLocalDateTime(),
                m.isSessionOpen() ? "session open, " + m.getMinutesToClose() + " min to close" : "session closed"));
        b.append(String.format(Locale.ROOT, "account equity %,.2f  cash %,.2f  buying power %,.2f  open positions %d  today %+,.2f (%+.2f%%)%n",
                a.getEquity(), a.getCash(), a.getBuyingPower(), a.getOpenPositions(), a.getDayPnl(), a.getDayPnlPct() * 100));
        ModelSkill skill = batch.modelSkill();
        if (skill != null) {
            b.append("model ").append(skill.getModel()).append(": ").append(skill.isKnown() ? "out-of-sample IC t " + skill.getIcTText()
                    + " (" + skill.getEvidence() + ")" : "no out-of-sample skill record (" + skill.getEvidence() + ")").append('\n');
        }
        for (String block : e.entryBlocks()) b.append("NO BUY CAN TRADE: ").append(block).append('\n');
        b.append(String.format(Locale.ROOT, "%nENTRIES (%d)%n", e.intents().size()));
        for (TradeIntent t : e.intents()) {
            b.append(String.format(Locale.ROOT, "  #%d %s  BUY %d %s @ %.2f  stop %.2f (%.2f%%)  take-profit %.2f (%+.2f%%)%s  value %,.2f  at risk %,.2f%n",
                    t.rank(), t.symbol(), t.quantity(), t.entryType(), t.entryPrice(), t.stopLoss(), (t.stopLoss() / t.entryPrice() - 1) * 100,
                    t.takeProfit(), (t.takeProfit() / t.entryPrice() - 1) * 100,
                    t.trailingStopPct() > 0 ? String.format(Locale.ROOT, "  trailing %.2f%%", t.trailingStopPct() * 100) : "",
                    t.positionValue(), t.riskAmount()));
            b.append(String.format(Locale.ROOT, "      confidence %.4f  expected %+.2f%%  risk score %d  horizon %s%n",
                    t.confidence(), t.expectedReturn(), t.riskScore(), t.timeHorizon()));
            b.append("      rules: ").append(String.join(" > ", t.firedRules())).append('\n');
            if (skill != null) b.append("      evidence: ").append(skill.evidence(t.confidence())).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%nREJECTED (%d)%n", e.rejections().size()));
        for (RejectedSignal r : e.rejections()) {
            b.append(String.format(Locale.ROOT, "  %s  %s %.4f: %s  [%s]%n", r.symbol(), r.decision(), r.confidence(), r.reason(), r.rule()));
            b.append("      rules: ").append(String.join(" > ", r.firedRules())).append('\n');
        }
        return b.toString();
    }

    static String json(Evaluation e, RuleBatch batch) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rules_version", e.version().sha256());
        doc.put("rules_files", e.version().files());
        doc.put("market_time", batch.market().getNow().toString());
        ModelSkill skill = batch.modelSkill();
        if (skill != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", skill.getModel());
            m.put("known", skill.isKnown());
            m.put("ic", Double.isFinite(skill.getIc()) ? skill.getIc() : null);
            m.put("ic_t", skill.isIcTMeasured() ? skill.getIcT() : null);
            m.put("rows", skill.getRows());
            m.put("trades", skill.getTrades());
            m.put("source", skill.getSource());
            m.put("evidence", skill.getEvidence());
            doc.put("model_skill", m);
        }
        doc.put("entry_blocks", e.entryBlocks());
        doc.put("intents", e.intents());
        doc.put("rejections", e.rejections());
        try {
            return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
