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
}
