package autotrader.pipeline;

import autotrader.ensemble.Decision;
import autotrader.market.Timeframe;
import autotrader.predict.Predictors.Forecast;
import autotrader.risk.RiskMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A decision in the design's JSON shape (the same shape `rules explain --decision` reads). */
public final class DecisionWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionWriter() {
    }

    public static ObjectNode of(CycleDecision d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("symbol", d.symbol());
        o.put("as_of", d.asOf().toString());
        number(o, "price", d.price(), -1);
        o.put("decision", d.decision().name());
        number(o, "confidence", d.confidence(), 4);
        number(o, "expected_return", d.expectedReturn(), 4);
        o.put("risk_score", d.riskScore());
        o.put("time_horizon", d.timeHorizon().label());
        ObjectNode p = o.putObject("predictions");
        for (Timeframe tf : Timeframe.values()) {
            Forecast f = d.predictions().get(tf);
            if (f == null) continue;
            ObjectNode t = p.putObject(tf.label());
            number(t, "price", f.price(), 4);
            number(t, "return", Math.expm1(f.logReturn()), 6);
        }
        ObjectNode r = o.putObject("risk_metrics");
        RiskMetrics m = d.riskMetrics();
        if (m != null) {
            double[] v = m.toArray();
            for (int i = 0; i < v.length; i++) number(r, RiskMetrics.FEATURE_NAMES.get(i), v[i], 6);
        }
        o.put("models_agree", d.modelsAgree());
        ObjectNode probs = o.putObject("probabilities");
        for (Decision c : Decision.values()) number(probs, c.name(), d.probabilities()[c.index()], 4);
        number(o, "momentum_score", d.momentumScore(), 2);
        if (d.trade() != null) {
            // The trade the model scored: the rules place this one (stops.drl), so the confidence describes the order sent.
            ObjectNode t = o.putObject("trade");
            t.put("timeframe", d.trade().timeframe().label());
            number(t, "sigma", d.trade().sigma(), 6);
            number(t, "stop_pct", d.trade().stopPct() * 100, 4);
            number(t, "target_pct", d.trade().targetPct() * 100, 4);
            t.put("hold_bars", d.trade().holdBars());
        }
        return o;
    }

    /**
     * A number rounded to {@code digits} (negative: not rounded), or JSON null when it is not finite: a missing value (a tail
     * dependence without enough joint extremes, a beta without benchmark bars) must read as missing,
     * not as the non-standard token NaN that no JSON reader accepts and that cost whole cycles.
     */
    private static void number(ObjectNode o, String field, double v, int digits) {
        if (!Double.isFinite(v)) {
            o.putNull(field);
            return;
        }
        if (digits < 0) {
            o.put(field, v);   // as it is: prices keep every digit the market gave
            return;
        }
        double f = Math.pow(10, digits);
        o.put(field, Math.round(v * f) / f);
    }
}
