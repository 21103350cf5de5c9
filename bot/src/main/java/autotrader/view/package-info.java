/**
 * What the trader sees, read once for every face that shows it: {@link autotrader.view.TraderView} reads positions
 * with their unrealised P&L, P&L over a period, orders, intents, the latest decisions, jobs and the daemon's
 * heartbeat, the rules version and state, the trading gate, the models' cards and the Schwab status, through the
 * repositories of {@code store}, {@code orders} and {@code approvals} only (no SQL here), and returns plain records.
 * Telegram's read-outs ({@code app.TraderDesk}), the desk's REST API ({@code web.DeskQueries}) and the {@code status}
 * command ({@code app.SystemStatus}) only format them, so a number cannot differ between them. Money is one type:
 * {@link java.math.BigDecimal} at {@link autotrader.view.Money#SCALE} places, rounded half up ({@link autotrader.view.Money}).
 * Like Freqtrade's {@code rpc/rpc.py}: one read layer under the chat bot and the REST API.
 */
package autotrader.view;
