package autotrader.app;

import autotrader.orders.Alerts;
import autotrader.orders.BrokerFill;
import autotrader.orders.StoredOrder;

/**
 * The alerts of the process's one Schwab login (SchwabAuth, and through it SchwabHttp). The login is
 * built by whoever needs Schwab first (the market data, the broker, a command), long before the
 * daemon has its Telegram notifier, so it cannot be handed the right alerts at construction: it gets
 * this relay instead, which goes to the log until {@link #to} points it elsewhere. Every method of
 * {@link Alerts} is forwarded as itself, so the target's own sorting (e.g. {@code loginExpiry} as a
 * TOKEN_EXPIRY alert) applies; a test checks that no method of the interface is left to its default.
 */
final class ForwardingAlerts implements Alerts {

    private volatile Alerts target = Alerts.log();

    /** From now on every alert goes to {@code target}. */
    void to(Alerts target) {
        this.target = target;
    }

    @Override
    public void alert(Level level, String message) {
        target.alert(level, message);
    }

    @Override
    public void filled(StoredOrder order, BrokerFill fill) {
        target.filled(order, fill);
    }

    @Override
    public void rejected(StoredOrder order, String reason) {
        target.rejected(order, reason);
    }

    @Override
    public void failed(StoredOrder order, String reason) {
        target.failed(order, reason);
    }

    @Override
    public void loginExpiry(Level level, String message) {
        target.loginExpiry(level, message);
    }
}
