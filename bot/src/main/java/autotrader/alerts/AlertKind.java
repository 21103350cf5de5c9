package autotrader.alerts;

import org.slf4j.event.Level;

/** The kinds of alerts the trader can receive; each can be switched on or off in config (telegram.alerts). */
public enum AlertKind {
    FILL("fills", "Fill", Level.INFO),
    STOP_LOSS("stop_loss", "Stop-loss hit", Level.INFO),
    TAKE_PROFIT("take_profit", "Take-profit hit", Level.INFO),
    ORDER_REJECTED("order_rejected", "Order rejected", Level.WARN),
    /** The order layer found something a person must look at: a position only the broker knows, an order the broker lost, an unsettled send. */
    ORDER_PROBLEM("order_problems", "Order problem", Level.WARN),
    RULES_REFUSED("rules_refused", "Rules refused", Level.ERROR),
    TOKEN_EXPIRY("token_expiry", "Token expiry", Level.WARN),
    /** The Schwab stream went down, stopped or came back (bars from REST polling meanwhile). */
    STREAM("stream", "Schwab stream", Level.WARN),
    JOB_ERROR("job_error", "Job stopped by an error", Level.ERROR),
    DAILY_SUMMARY("daily_summary", "Daily summary", Level.INFO);

    private final String configKey;
    private final String title;

    private final Level logLevel;

    AlertKind(String configKey, String title, Level logLevel) {
        this.configKey = configKey;
        this.title = title;
        this.logLevel = logLevel;
    }

    /** The level {@link Notifier#logged} writes it at. */
    public Level logLevel() {
        return logLevel;
    }

    /** The key under telegram.alerts that switches this kind, e.g. {@code fills}. */
    public String configKey() {
        return configKey;
    }

    /** A short human title, e.g. "Stop-loss hit". */
    public String title() {
        return title;
    }
}
