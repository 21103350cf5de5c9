package autotrader.pipeline;

import autotrader.market.Timeframe;
import autotrader.predict.Predictors.Forecast;
import autotrader.risk.RiskMetrics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A decision in the design's JSON shape (the same shape `rules explain --decision` reads). */
public final class DecisionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionJson() {
    }

    public static ObjectNode of(CycleDecision d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("symbol", d.symbol());
        o.put("as_of", d.asOf().toString());
        o.put("price", d.price());
        o.put("decision", d.decision().name());
        o.put("confidence", round(d.confidence(), 4));
        o.put("expected_return", round(d.expectedReturn(), 4));
        o.put("risk_score", d.riskScore());
        o.put("time_horizon", d.timeHorizon().label());
        ObjectNode p = o.putObject("predictions");
        for (Timeframe tf : Timeframe.values()) {
            Forecast f = d.predictions().get(tf);
            if (f == null) continue;
            ObjectNode t = p.putObject(tf.label());
            t.put("price", round(f.price(), 4));
            t.put("return", round(Math.expm1(f.logReturn()), 6));
        }
        ObjectNode r = o.putObject("risk_metrics");
        RiskMetrics m = d.riskMetrics();
        if (m != null) {
            double[] v = m.toArray();
            for (int i = 0; i < v.length; i++) r.put(RiskMetrics.FEATURE_NAMES.get(i), round(v[i], 6));
        }
        o.put("models_agree", d.modelsAgree());
        ObjectNode probs = o.putObject("probabilities");
        for (autotrader.ensemble.Decision c : autotrader.ensemble.Decision.values()) probs.put(c.name(), round(d.probabilities()[c.index()], 4));
        o.put("momentum_score", round(d.momentumScore(), 2));
        return o;
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) return Double.NaN;
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
