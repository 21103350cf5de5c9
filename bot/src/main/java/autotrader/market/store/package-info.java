/**
 * The Parquet bar store (through DuckDB's JDBC driver): one place every source writes and every
 * consumer reads, its {@code MarketData} adapter, the csv import and the checks behind {@code data
 * verify}.
 */
package autotrader.market.store;
