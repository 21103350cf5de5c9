package autotrader.approvals;

/** The kinds of alerts the trader can receive; each can be switched on or off in config (telegram.alerts). */
public enum AlertKind {
    FILL("fills", "Fill"),
    STOP_LOSS("stop_loss", "Stop-loss hit"),
    TAKE_PROFIT("take_profit", "Take-profit hit"),
    ORDER_REJECTED("order_rejected", "Order rejected"),
    RULES_REFUSED("rules_refused", "Rules refused"),
    TOKEN_EXPIRY("token_expiry", "Token expiry"),
    JOB_ERROR("job_error", "Job stopped by an error"),
    DAILY_SUMMARY("daily_summary", "Daily summary");

    private final String configKey;
    private final String title;

    AlertKind(String configKey, String title) {
        this.configKey = configKey;
        this.title = title;
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
