package autotrader.rules;

import autotrader.config.AppConfig;
import autotrader.market.Timeframe;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs one batch through one compiled rule set: a fresh KieSession per batch (sessions are cheap; a
 * KieBase is shared and immutable), the phases focused in order, then the facts read back into
 * intents and rejections. Also checks what the rules produced, so an edit that drops the stop rule
 * cannot send an order without a stop.
 */
public final class RuleEvaluator {

    /** The ruleflow groups (agenda groups underneath), in the order they run. Rules without one run after these (MAIN). */
    public static final List<String> PHASES = List.of("filter", "rank", "stops", "size");
    /** A rule set that fires more than this on one batch is looping (e.g. a modify that re-matches itself). */
    static final int MAX_FIRINGS = 100_000;
    static final String ENGINE_CHECK = "(engine check)";

    private final KieBase kieBase;
    private final RulesVersion version;
    private final AppConfig.Risk risk;
    private final Set<String> globals = new HashSet<>();

    /** A number parameter these rules define as a function, e.g. MIN_CONFIDENCE. */
    public OptionalDouble parameter(String function) {
        return RuleParameters.number(kieBase, function);
    }

    public RuleEvaluator(KieBase kieBase, RulesVersion version, AppConfig.Risk risk) {
        this.kieBase = kieBase;
        this.version = version;
        this.risk = risk;
        for (KiePackage p : kieBase.getKiePackages()) p.getGlobalVariables().forEach(g -> globals.add(g.getName()));
    }

    public RulesVersion version() {
        return version;
    }

    public Evaluation evaluate(RuleBatch batch) {
        KieSession session = kieBase.newKieSession();
        FiredRules fired = new FiredRules();
        int firings;
        try {
            // setGlobal refuses a name the rules do not declare, so only set what they asked for.
            if (globals.contains("risk")) session.setGlobal("risk", risk);
            session.addEventListener(fired.agendaListener);
            session.addEventListener(fired.insertListener);
            session.insert(batch.account());
            session.insert(batch.market());
            session.insert(new Budget(batch.account().getBuyingPower()));
            batch.positions().forEach(session::insert);
            batch.stopOuts().forEach(session::insert);
            batch.signals().forEach(session::insert);
            if (batch.modelSkill() != null) session.insert(batch.modelSkill());
            for (int i = PHASES.size() - 1; i >= 0; i--) session.getAgenda().getAgendaGroup(PHASES.get(i)).setFocus();
            try {
                firings = session.fireAllRules(MAX_FIRINGS);
            } catch (RuntimeException e) {
                // e.g. a NullPointerException in an edited consequence: say which rules, no order goes out.
                throw new IllegalStateException("rules " + version.label() + " failed on a batch of " + batch.signals().size()
                        + " signals: " + e.getMessage(), e);
            }
            if (firings >= MAX_FIRINGS) {
                throw new IllegalStateException("rules " + version.label() + " fired " + firings + " times on one batch: a rule is looping");
            }
            return collect(batch, session, fired, firings);
        } finally {
            session.dispose();
        }
    }

    private Evaluation collect(RuleBatch batch, KieSession session, FiredRules fired, int firings) {
        Map<Signal, Rejection> firstRejection = new IdentityHashMap<>();
        for (Rejection r : fired.rejections()) firstRejection.putIfAbsent(r.getSignal(), r);
        Map<Signal, TradePlan> plans = new IdentityHashMap<>();
        for (Object o : session.getObjects(o -> o instanceof TradePlan)) plans.put(((TradePlan) o).getSignal(), (TradePlan) o);

        List<TradeIntent> intents = new ArrayList<>();
        List<RejectedSignal> rejected = new ArrayList<>();
        for (Signal s : batch.signals()) {
            Rejection r = firstRejection.get(s);
            TradePlan p = plans.get(s);
            String problem = r != null ? null : p == null ? "no rule produced a trade plan" : unsafe(p);
            if (r != null) {
                rejected.add(new RejectedSignal(s.getSymbol(), s.getDecision(), s.getConfidence(), r.getReason(),
                        r.getRule() == null ? "" : r.getRule(), fired.of(s), version.label()));
            } else if (problem != null) {
                rejected.add(new RejectedSignal(s.getSymbol(), s.getDecision(), s.getConfidence(), problem, ENGINE_CHECK, fired.of(s), version.label()));
            } else {
                intents.add(new TradeIntent(s.getSymbol(), "BUY", p.getQuantity(), p.getEntryType(), p.getEntryPrice(), p.getLimitPrice(),
                        p.getStopLoss(), p.getTakeProfit(), p.getTrailingStopPct(), p.getRank(),
                        s.getConfidence(), s.getExpectedReturn(), s.getRiskScore(), s.getTimeHorizon(), fired.of(s), version.label(),
                        Math.max(0, p.getHoldBars()), p.getHoldTimeframe()));
            }
        }
        intents.sort(Comparator.comparingInt(TradeIntent::rank));
        List<String> blocks = new ArrayList<>();
        for (Object o : session.getObjects(o -> o instanceof EntryBlock)) blocks.add(((EntryBlock) o).getReason());
        return new Evaluation(version, intents, rejected, firings, blocks);
    }

    /** The last line of defence against an edit that leaves a plan half-made. */
    private static String unsafe(TradePlan p) {
        if (!(p.getEntryPrice() > 0)) return "plan has no entry price";
        if (!(p.getStopLoss() > 0) || p.getStopLoss() >= p.getEntryPrice()) return "plan has no stop-loss below the entry";
        if (p.getHoldBars() > 0) {
            try {
                Timeframe.parse(p.getHoldTimeframe());
            } catch (IllegalArgumentException e) {
                return "plan's holding limit has an unknown timeframe '" + p.getHoldTimeframe() + "'";
            }
        }
        if (p.getQuantity() < 1) return "plan has no quantity (the size rules did not run)";
        if (!(p.getTakeProfit() > p.getEntryPrice())) return "plan has no take-profit above the entry";
        return null;
    }
}
