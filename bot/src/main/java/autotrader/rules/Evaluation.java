package autotrader.rules;

import java.util.List;

/**
 * The outcome of one batch: intents in rank order, rejections in batch order, and the reasons no
 * BUY could be entered at all in this batch ({@link EntryBlock}s, e.g. a model without out-of-sample
 * skill), empty when entries were allowed.
 */
public record Evaluation(RulesVersion version, List<TradeIntent> intents, List<RejectedSignal> rejections, int rulesFired,
                         List<String> entryBlocks) {
    public Evaluation {
        intents = List.copyOf(intents);
        rejections = List.copyOf(rejections);
        entryBlocks = entryBlocks == null ? List.of() : List.copyOf(entryBlocks);
    }

    public Evaluation(RulesVersion version, List<TradeIntent> intents, List<RejectedSignal> rejections, int rulesFired) {
        this(version, intents, rejections, rulesFired, List.of());
    }

    public RejectedSignal rejectionOf(String symbol) {
        return rejections.stream().filter(r -> r.symbol().equals(symbol)).findFirst().orElse(null);
    }

    public TradeIntent intentFor(String symbol) {
        return intents.stream().filter(i -> i.symbol().equals(symbol)).findFirst().orElse(null);
    }
}
