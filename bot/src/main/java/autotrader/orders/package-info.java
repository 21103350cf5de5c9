/**
 * The {@code Broker} port, the order state machine in SQLite (an order is never sent twice, even
 * after a crash), the send path, the reconciler, flattening, trade history and the order layer's
 * alerts.
 */
package autotrader.orders;
