package autotrader.scan;

/**
 * What the scanner needs to know about one symbol at one instant, already cut to what was known
 * then: the completed sessions before "today", and today's price and volume so far.
 *
 * @param closes          closes of completed sessions before today, oldest first
 * @param volumes         volumes of the same sessions
 * @param lastPrice       the latest price (today's close if the session is over)
 * @param todayVolume     volume traded today so far
 * @param sessionFraction share of today's session elapsed, 0..1 (1 once it has closed)
 */
public record ScanInput(String symbol, double[] closes, double[] volumes, double lastPrice, double todayVolume,
                        double sessionFraction) {
}
