/**
 * {@code universe build}: listed symbols filtered to common stocks that pass the strategy's price
 * and dollar-volume filters on Schwab quotes.
 */
package autotrader.universe;
