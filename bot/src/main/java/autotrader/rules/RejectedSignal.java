package autotrader.rules;

import java.util.List;

/** A signal the rules turned down: why, which rule said so, and every rule that fired for it. */
public record RejectedSignal(String symbol, String decision, double confidence, String reason, String rule,
                             List<String> firedRules, String rulesVersion) {
    public RejectedSignal {
        firedRules = List.copyOf(firedRules);
    }
}
