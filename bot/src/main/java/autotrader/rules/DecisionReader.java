package autotrader.rules;

import autotrader.market.Timeframe;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads ensemble decisions into {@link Signal}s: one decision object, an array of them, or
 * {"decisions": [...]}. Unknown fields (predictions, anything added later) are ignored. Required:
 * symbol, decision, confidence, risk_score, and price for a BUY; missing risk metrics stay NaN.
 */
public final class DecisionReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionReader() {
    }

    public static List<Signal> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputFormatException(file + ": cannot be read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static List<Signal> parse(String source, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(source + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) throw new InputFormatException(source + ": empty file");
        String prefix = "";
        if (root.isObject() && root.has("decisions")) {
            root = root.get("decisions");
            prefix = "decisions";
        }
        List<Signal> out = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) out.add(signal(new JsonFields(source, prefix + "[" + i + "]", root.get(i))));
            if (out.isEmpty()) throw new InputFormatException(source + ": no decisions in the list");
        } else {
            out.add(signal(new JsonFields(source, prefix, root)));
        }
        return out;
    }

    static Signal signal(JsonFields f) {
        Signal s = new Signal();
        String symbol = f.text("symbol", true).trim();
        if (symbol.isEmpty()) throw f.fail("symbol", "is empty");
        s.setSymbol(symbol.toUpperCase(Locale.ROOT));
        String decision = f.text("decision", true).trim().toUpperCase(Locale.ROOT);
        if (!List.of("BUY", "SELL", "HOLD").contains(decision)) throw f.fail("decision", "must be BUY, SELL or HOLD, not " + decision);
        s.setDecision(decision);
        s.setConfidence(f.number("confidence", 0, 1, true));
        s.setRiskScore(f.integer("risk_score", 1, 10, -1));
        if (s.getRiskScore() < 0) throw f.fail("risk_score", "is missing");
        s.setExpectedReturn(f.number("expected_return", false));
        String horizon = f.text("time_horizon", false);
        s.setTimeHorizon(horizon == null ? "" : horizon);
        s.setHorizonBars(f.integer("horizon_bars", 1, 10_000, 1));
        s.setModelsAgree(f.integer("models_agree", 0, 5, 0));
        s.setPrice(f.number("price", "BUY".equals(decision)));
        if ("BUY".equals(decision) && !(s.getPrice() > 0)) throw f.fail("price", "must be greater than 0 for a BUY");
        JsonFields m = f.object("risk_metrics");
        if (m != null) {
            s.setForecastVolatility(m.number("forecast_volatility", 0, 10, false));
            s.setVar95(m.number("var_95", false));
            s.setCvar95(m.number("cvar_95", false));
            s.setBeta(m.number("beta", false));
            s.setCorrelationSpy(m.number("correlation_spy", -1, 1, false));
            s.setCorrelationQqq(m.number("correlation_qqq", -1, 1, false));
            s.setTailDependence(m.number("tail_dependence", 0, 1, false));
            String regime = m.text("vol_regime", false);
            s.setVolRegime(regime == null ? "" : regime);
        }
        JsonFields t = f.object("trade");
        if (t != null) {
            String tf = t.text("timeframe", true).trim();
            try {
                s.setTradeTimeframe(Timeframe.parse(tf).label());
            } catch (IllegalArgumentException e) {
                throw t.fail("timeframe", e.getMessage());
            }
            s.setTradeStopPct(t.number("stop_pct", 0, 100, true) / 100.0);
            s.setTradeTargetPct(t.number("target_pct", 0, 1000, true) / 100.0);
            s.setTradeHoldBars(t.integer("hold_bars", 1, 100_000, -1));
            if (s.getTradeHoldBars() < 0) throw t.fail("hold_bars", "is missing");
        }
        return s;
    }
}
