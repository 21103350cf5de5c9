package autotrader.features;

import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * A feature's spec together with how to evaluate it: {@code binder} is called once per
 * {@link SeriesWindow} (building whatever indicator arrays it needs) and returns a function of the
 * bar index. Keeping both in one value means names and arithmetic can never drift out of order.
 */
record FeatureDef(FeatureSpec spec, Function<SeriesWindow, IntToDoubleFunction> binder) {

    static FeatureDef of(String name, String group, int minBars, String units, String definition,
                         Function<SeriesWindow, IntToDoubleFunction> binder) {
        return new FeatureDef(new FeatureSpec(name, group, minBars, units, definition), binder);
    }
}
