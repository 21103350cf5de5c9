/**
 * The desk: a Javalin REST API and page (top BUY signals with an Execute button), whose approvals
 * go through the same approval service as Telegram's.
 */
package autotrader.web;
