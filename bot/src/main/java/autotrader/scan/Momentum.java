package autotrader.scan;

/**
 * What the scanner measured for one symbol at one instant. The features stage copies these values
 * into every timeframe's feature row, so the ML models see why a symbol became a candidate.
 *
 * @param score         momentum score 0-100 (higher is stronger upward momentum)
 * @param rsi           RSI(14) on daily closes, today's last price standing in for today's close
 * @param rvol          relative volume: today's volume projected to a full session / 20-day average
 * @param percentChange % change of the last price against the previous session's close
 * @param trendStrength -1..1, how far and how consistently price sits above (or below) its averages
 * @param trend         "up", "down" or "flat", from trendStrength and the strategy's thresholds
 */
public record Momentum(String symbol, double score, double rsi, double rvol, double percentChange,
                       double trendStrength, String trend) {
}
