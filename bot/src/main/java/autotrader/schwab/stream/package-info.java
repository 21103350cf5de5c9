/**
 * The Schwab streamer: one websocket with login, subscriptions, heartbeat watchdog and backoff
 * reconnect; chart bars to the bar store and account activity to the order read-back.
 */
package autotrader.schwab.stream;
