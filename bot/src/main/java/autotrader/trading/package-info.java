/**
 * The trading core, the same in live, paper and backtest: {@code TradingLoop} (decisions, rules,
 * approvals, and the order read-back each monitor tick) and {@code TradingSystem}, the one place
 * that wires the trading objects from the ports.
 */
package autotrader.trading;
