package autotrader.rules;

import autotrader.market.MarketCalendar;

import java.time.Instant;
import java.util.List;

/**
 * Whether the rules in force let BUYs through at all, and why not: the one read-out behind the
 * "trading: yes/no" line of `status`, the desk and Telegram's /status, and the evidence beside each
 * trade. It is what the rules themselves said ({@link EntryBlock}s of an evaluation), never a second
 * copy of their thresholds, so an edit of filter.drl (the gate switched off on the simulator, another
 * floor) shows here with the next evaluation.
 *
 * @param model        the deciding model's skill fact (null: no model runs, e.g. a scan-only daemon)
 * @param blocks       the reasons no BUY can be entered; empty when entries are allowed
 * @param rulesVersion the rules that said so
 */
public record TradingGate(ModelSkill model, List<String> blocks, String rulesVersion) {

    public TradingGate {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /** What the rules said about the BUYs of one evaluation. */
    public static TradingGate of(Evaluation ev, ModelSkill model) {
        return new TradingGate(model, ev.entryBlocks(), ev.version().label());
    }

    /**
     * Asks the rules with no signal at all (an empty batch, a fresh paper account): only the rules that
     * block every entry, such as the skill gate, can say anything. Cheap (one short session).
     */
    public static TradingGate probe(RuleEngine engine, ModelSkill model, Instant now, MarketCalendar calendar) {
        RuleBatch empty = RuleBatch.of(List.of(), Account.paper(1), TradingTime.marketState(now, calendar)).withModelSkill(model);
        return of(engine.evaluate(empty), model);
    }

    public boolean trading() {
        return model != null && blocks.isEmpty();
    }

    /**
     * One plain line, e.g. "trading: no — model models/ensemble lacks out-of-sample skill: IC t 1.40 &lt; 3.00
     * (...); signals are still scanned, decided and shown".
     */
    public String line() {
        if (model == null) return "trading: no — no decision model runs (scanning only); signals are not decided";
        if (!blocks.isEmpty()) return "trading: no — " + blocks.get(0) + "; signals are still scanned, decided and shown";
        return "trading: yes — the rules " + rulesVersion + " accept BUYs from model " + model.getModel()
                + (model.isKnown() ? " (out of sample: IC t " + model.getIcTText() + ", " + model.getEvidence() + ")"
                : " although it has no out-of-sample record (the rules' skill gate is off)");
    }

    /** The line for a gate that may be unknown (no daemon loop in this process). */
    public static String line(TradingGate gate) {
        return gate == null ? "trading: unknown here — no trading loop runs in this process" : gate.line();
    }

    /** The model's out-of-sample record beside a BUY at {@code confidence}. */
    public String evidence(double confidence) {
        return model == null ? "no out-of-sample record for this confidence" : model.evidence(confidence);
    }
}
