package autotrader.retrain;

import autotrader.ensemble.ModelCard.Metrics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NotWorseRuleTest {

    static Metrics m(Double auc, Double logLoss) {
        return new Metrics(auc, logLoss, null, null);
    }

    @Test
    void logLossMayNotRiseAndAucMayNotFallBeyondTheTolerance() {
        NotWorseRule strict = new NotWorseRule(0.0);
        assertTrue(strict.judge(m(0.60, 1.00), null, m(0.60, 1.00)).replace(), "equal is not worse");
        assertTrue(strict.judge(m(0.60, 1.00), null, m(0.61, 0.99)).replace());
        assertFalse(strict.judge(m(0.60, 1.00), null, m(0.70, 1.001)).replace(), "higher log-loss, whatever the AUC");
        NotWorseRule.Verdict v = strict.judge(m(0.60, 1.00), null, m(0.599, 0.90));
        assertFalse(v.replace());
        assertTrue(v.reason().startsWith("worse AUC"), v.reason());

        NotWorseRule loose = new NotWorseRule(0.01);
        assertTrue(loose.judge(m(0.60, 1.00), null, m(0.595, 1.005)).replace());
        assertFalse(loose.judge(m(0.60, 1.00), null, m(0.60, 1.02)).replace());
        assertFalse(loose.judge(m(0.60, 1.00), null, m(0.58, 1.00)).replace());
    }

    @Test
    void undefinedScoresAndAMissingLiveModel() {
        NotWorseRule rule = new NotWorseRule(0.0);
        assertTrue(rule.judge(m(null, 1.00), null, m(null, 1.00)).replace(), "AUC undefined: log-loss decides");
        assertTrue(rule.judge(null, "no model in x", m(0.5, 1.1)).replace());
        assertFalse(rule.judge(m(0.6, 1.0), null, m(null, null)).replace(), "a candidate that could not be scored never replaces a model");
        assertThrows(IllegalArgumentException.class, () -> new NotWorseRule(-0.1));
    }
}
