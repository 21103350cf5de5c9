package autotrader.app;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;

/**
 * The alerts of the process's one Schwab login (SchwabAuth, and through it SchwabHttp). The login is
 * built by whoever needs Schwab first (the market data, the broker, a command), long before the
 * daemon has its Telegram notifier, so it cannot be handed the right notifier at construction: it
 * gets this relay instead, which goes to the log until {@link #to} points it elsewhere.
 */
final class ForwardingNotifier implements Notifier {

    private volatile Notifier target = Notifier.log();

    /** From now on every alert goes to {@code target}. */
    void to(Notifier target) {
        this.target = target;
    }

    @Override
    public void alert(AlertKind kind, String text) {
        target.alert(kind, text);
    }
}
