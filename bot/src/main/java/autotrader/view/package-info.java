/**
 * What the trader sees, read once for every face that shows it: {@link TraderView} reads positions
 * with their unrealised P&L, P&L over a period, orders, intents, the latest decisions, jobs and the daemon's
 * heartbeat, the rules version and state, the trading gate, the models' cards and the Schwab status, through the
 * repositories of {@code store}, {@code orders} and {@code approvals} only (no SQL here), and returns plain records.
 * Telegram's read-outs ({@code app.TraderDesk}), the desk's REST API ({@code web.DeskQueries}) and the {@code status}
 * command ({@code app.SystemStatus}) only format them, so a number cannot differ between them. Money is one type:
 * {@link BigDecimal} at {@link Money#SCALE} places, rounded half up ({@link Money}).
 * Like Freqtrade's {@code rpc/rpc.py}: one read layer under the chat bot and the REST API.
 */
package autotrader.view;

import java.math.BigDecimal;
