package autotrader.approvals;

/**
 * The read-outs and switches the trader's chat commands use, as plain text ready to show (no markup).
 * Implementations should keep each answer short (Telegram shows at most 4096 characters; longer text
 * is cut).
 */
public interface TraderCommands {

    enum PnlPeriod { TODAY, WEEK, ALL }

    /** Mode (paper/live), paused or not, market open, last scan, pending intents, open orders. */
    String status();

    /** Open positions with quantity, entry, last price, stop and unrealised P&L. */
    String positions();

    /** Realised and unrealised P&L over the period. */
    String pnl(PnlPeriod period);

    /** The latest signals and what the rules did with them. */
    String signals();

    /** Stops new entries (approvals answer PAUSED); returns the confirmation text. */
    String pause(String actor);

    /** Allows new entries again; returns the confirmation text. */
    String resume(String actor);

    /** Pauses entries, cancels every open order and closes every position at market (the CLI's `flatten`). */
    String flatten(String actor);

    /** The bot's book quantity in {@code symbol} (0 when none): asked before a close is offered for confirmation. */
    long positionQuantity(String symbol);

    /** Cancels the symbol's open orders (its stop and take-profit legs) and closes its position at market. */
    String close(String symbol, String actor);

    /** The latest closed trades with their realised P&L after commissions, newest first. */
    String trades(int limit);

    /** Realised P&L of closed trades today, this week and in all. */
    String profit();

    /** Realised P&L per market day, the last {@code days} days with a closed trade. */
    String daily(int days);

    /** Closed trades per symbol: count, win rate, realised P&L. */
    String performance();

    /** Compiles the rules folder now; says the version in force or why the edit was refused. */
    String reloadRules(String actor);
}
