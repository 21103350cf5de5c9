/**
 * Trade intents between the rules and the orders: the approval service (exactly-once approve,
 * expiry, price drift, paper auto-approve), the exposure limits, time exits of trades with a
 * holding limit, and the ports the channels use (Telegram, the desk, the shell).
 */
package autotrader.approvals;
