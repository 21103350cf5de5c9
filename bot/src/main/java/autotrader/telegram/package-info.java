/**
 * The Telegram adapter: approval messages with buttons and the evidence behind each trade, the
 * trader's commands, and alerts; only allowed chats act.
 */
package autotrader.telegram;
