/**
 * The {@code MarketData} adapter over a folder of csv bar files laid out like ../shared/data; a bad
 * row or file is reported and skipped, a series is never read across a gap.
 */
package autotrader.market.csv;
