/**
 * Bars and time: {@code Bar}, {@code Timeframe}, the {@code MarketData} port (bars known at t
 * only), the NYSE calendar, holding periods and bar aggregation; adapters for the simulator, csv
 * files and the bar store live in the sub-packages.
 */
package autotrader.market;
