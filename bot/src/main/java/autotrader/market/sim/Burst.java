package autotrader.market.sim;

import java.time.Instant;

/**
 * A momentum burst planted in one simulated symbol-day: from {@code start} to {@code end} the
 * price drifts by about {@code drift} (a log return, e.g. 0.05 = +5%) on {@code volumeMultiple}
 * times the usual volume. Exposed so tests and demos can find what the scanner should catch.
 */
public record Burst(Instant start, Instant end, double drift, double volumeMultiple) {
}
