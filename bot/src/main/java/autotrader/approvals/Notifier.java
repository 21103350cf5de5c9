package autotrader.approvals;

/**
 * Sends an alert to the trader. Returns at once and never throws; a kind switched off in config is
 * dropped silently. The text is plain (no markup).
 */
@FunctionalInterface
public interface Notifier {

    void alert(AlertKind kind, String text);

    Notifier NONE = (kind, text) -> { };
}
