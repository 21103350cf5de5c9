/**
 * Schwab as a {@code MarketData} adapter (batched quotes, price history, streamed bars into the
 * same cache) and {@code data fetch} of price history into the bar store.
 */
package autotrader.schwab.market;
