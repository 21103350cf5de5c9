package autotrader.app;

import autotrader.approvals.AlertKind;
import autotrader.approvals.Notifier;
import autotrader.orders.Alerts;
import autotrader.orders.BrokerFill;
import autotrader.orders.StoredOrder;

/**
 * The order layer's alerts, sorted into the kinds the trader switches on and off (telegram.alerts)
 * and sent through the notifier, besides the log.
 */
final class TraderAlerts implements Alerts {

    private final Alerts log = Alerts.log();
    private final Notifier notifier;

    TraderAlerts(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void alert(Level level, String message) {
        log.alert(level, message);
        if (level != Level.INFO) notifier.alert(AlertKind.JOB_ERROR, message);
    }

    @Override
    public void filled(StoredOrder order, BrokerFill fill) {
        log.filled(order, fill);
        AlertKind kind = switch (order.role()) {
            case STOP_LOSS, TRAILING_STOP -> AlertKind.STOP_LOSS;
            case TAKE_PROFIT -> AlertKind.TAKE_PROFIT;
            default -> AlertKind.FILL;
        };
        String what = switch (kind) {
            case STOP_LOSS -> "Stop-loss hit: sold";
            case TAKE_PROFIT -> "Take-profit hit: sold";
            default -> "Filled: " + (order.side().name().equals("BUY") ? "bought" : "sold");
        };
        notifier.alert(kind, String.format("%s %d %s at %s (order %d)", what, fill.quantity(), order.symbol(), fill.price(), order.id()));
    }

    @Override
    public void rejected(StoredOrder order, String reason) {
        log.rejected(order, reason);
        notifier.alert(AlertKind.ORDER_REJECTED, "Order rejected: " + order.side() + " " + order.quantity() + " " + order.symbol() + ": " + reason);
    }

    /** An order that never reached the broker: an order alert the trader acts on (the trade did not happen), not a job error. */
    @Override
    public void failed(StoredOrder order, String reason) {
        log.failed(order, reason);
        notifier.alert(AlertKind.ORDER_REJECTED, "Order FAILED, nothing is at the broker: " + order.role() + " " + order.side() + " "
                + order.quantity() + " " + order.symbol() + " (order " + order.id() + "): " + reason);
    }

    @Override
    public void loginExpiry(Level level, String message) {
        log.alert(level, message);
        notifier.alert(AlertKind.TOKEN_EXPIRY, message);
    }
}
