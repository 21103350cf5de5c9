/**
 * The one alert port: {@code Notifier} (a kind and a plain text for the trader),
 * the kinds the trader switches on and off, the log decorator and the grouping of repeats in front
 * of Telegram.
 */
package autotrader.alerts;
