package autotrader.rules;

import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.OptionalDouble;

/**
 * Reads a parameter the rule files define as a function (e.g. {@code function double MIN_CONFIDENCE()
 * { return 0.70; }} at the top of filter.drl), so that Java never restates what a rule file decides:
 * the backtest counts "BUYs at or above the floor in force" with the floor the rules hold now.
 * Drools compiles each DRL function to a class of its package named after it, with one static method.
 */
public final class RuleParameters {

    /** The package of the committed rule files. */
    public static final String PACKAGE = "rules";

    private RuleParameters() {
    }

    /** The value of {@code PACKAGE.NAME()}, or empty when the rules define no such number function. */
    public static OptionalDouble number(KieBase kieBase, String function) {
        try {
            ClassLoader loader = ((InternalKnowledgeBase) kieBase).getRootClassLoader();
            Class<?> c = loader.loadClass(PACKAGE + "." + function);
            Method m = c.getMethod(function);
            if (!Modifier.isStatic(m.getModifiers())) return OptionalDouble.empty();
            Object v = m.invoke(null);
            return v instanceof Number n && Double.isFinite(n.doubleValue()) ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return OptionalDouble.empty();
        }
    }
}
