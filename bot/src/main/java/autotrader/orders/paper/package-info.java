/**
 * The paper broker: the {@code Broker} adapter that fills on the market's own bars with slippage
 * and commissions (the default mode, and every backtest's broker).
 */
package autotrader.orders.paper;
