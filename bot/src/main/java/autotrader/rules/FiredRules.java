package autotrader.rules;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records, per signal, the names of the rules that fired on it (a rule "fired on a signal" when the
 * signal, its TradePlan or its Rejection is among the matched facts), and names the rule behind each
 * Rejection, so rule authors do not have to.
 */
final class FiredRules {
    private final Map<Signal, Set<String>> bySignal = new IdentityHashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private int total;

    final DefaultAgendaEventListener agendaListener = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            total++;
            String rule = event.getMatch().getRule().getName();
            for (Object fact : event.getMatch().getObjects()) {
                Signal s = signalOf(fact);
                if (s != null) bySignal.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(rule);
            }
        }
    };

    final DefaultRuleRuntimeEventListener insertListener = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof Rejection r) {
                if (event.getRule() != null) r.setRuleIfMissing(event.getRule().getName());
                rejections.add(r);
                // The rejecting rule may have matched only on other facts (a TradePlan, the Account).
                if (event.getRule() != null) bySignal.computeIfAbsent(r.getSignal(), k -> new LinkedHashSet<>()).add(event.getRule().getName());
            }
        }
    };

    private static Signal signalOf(Object fact) {
        if (fact instanceof Signal s) return s;
        if (fact instanceof TradePlan p) return p.getSignal();
        if (fact instanceof Rejection r) return r.getSignal();
        return null;
    }

    List<String> of(Signal s) {
        Set<String> rules = bySignal.get(s);
        return rules == null ? List.of() : List.copyOf(rules);
    }

    /** In insertion order, so the first one for a signal is its reported reason. */
    List<Rejection> rejections() {
        return rejections;
    }

    int total() {
        return total;
    }
}
