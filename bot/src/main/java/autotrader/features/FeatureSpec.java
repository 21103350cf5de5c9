package autotrader.features;

/**
 * The published description of one feature: what later stages (model compatibility checks,
 * docs/features.md) rely on. The arithmetic lives in the feature group next to its spec.
 *
 * @param name       stable snake_case column name
 * @param group      technical, volume, price or scanner
 * @param minBars    bars (this bar included) the feature needs; with fewer it is NaN (missing)
 * @param units      what a value means, e.g. "ratio", "0-100", "log return"
 * @param definition how it is computed, in one line
 */
public record FeatureSpec(String name, String group, int minBars, String units, String definition) {
}
