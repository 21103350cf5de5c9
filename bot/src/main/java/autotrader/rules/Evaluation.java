package autotrader.rules;

import java.util.List;

/** The outcome of one batch: intents in rank order, rejections in batch order. */
public record Evaluation(RulesVersion version, List<TradeIntent> intents, List<RejectedSignal> rejections, int rulesFired) {
    public Evaluation {
        intents = List.copyOf(intents);
        rejections = List.copyOf(rejections);
    }

    public RejectedSignal rejectionOf(String symbol) {
        return rejections.stream().filter(r -> r.symbol().equals(symbol)).findFirst().orElse(null);
    }

    public TradeIntent intentFor(String symbol) {
        return intents.stream().filter(i -> i.symbol().equals(symbol)).findFirst().orElse(null);
    }
}
