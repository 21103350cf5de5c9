package autotrader.orders;

import autotrader.alerts.AlertKind;
import autotrader.alerts.Notifier;

/**
 * What the order layer tells the trader, as alerts of the one {@link Notifier} port: a fill (a stop or
 * a target hit by its own kind), a refused or failed order, and a problem a person must look at
 * (reconciliation, an order the broker lost, a send that could not be settled).
 */
public final class OrderAlerts {

    private final Notifier notifier;

    public OrderAlerts(Notifier notifier) {
        this.notifier = notifier == null ? Notifier.NONE : notifier;
    }

    /** A fill was recorded (the first time it is seen). Entry, exit and protective legs alike; the role decides the kind. */
    public void filled(StoredOrder order, BrokerFill fill) {
        AlertKind kind = switch (order.role()) {
            case STOP_LOSS, TRAILING_STOP -> AlertKind.STOP_LOSS;
            case TAKE_PROFIT -> AlertKind.TAKE_PROFIT;
            default -> AlertKind.FILL;
        };
        String what = switch (kind) {
            case STOP_LOSS -> "Stop-loss hit: sold";
            case TAKE_PROFIT -> "Take-profit hit: sold";
            default -> "Filled: " + (order.side() == Side.BUY ? "bought" : "sold");
        };
        notifier.alert(kind, String.format("%s %d %s at %s (order %d)", what, fill.quantity(), order.symbol(), fill.price(), order.id()));
    }

    /** The broker refused an order. */
    public void rejected(StoredOrder order, String reason) {
        notifier.alert(AlertKind.ORDER_REJECTED, "Order rejected: " + order.side() + " " + order.quantity() + " " + order.symbol() + ": " + reason);
    }

    /** An approved order certainly never reached the broker and will not be sent (state FAILED): the trade did not happen. */
    public void failed(StoredOrder order, String reason) {
        notifier.alert(AlertKind.ORDER_REJECTED, "Order FAILED, nothing is at the broker: " + order.role() + " " + order.side() + " "
                + order.quantity() + " " + order.symbol() + " (order " + order.id() + "): " + reason);
    }

    /** Something a person must look at: a position only the broker knows, an order it lost, a send that could not be settled. */
    public void problem(String message) {
        notifier.alert(AlertKind.ORDER_PROBLEM, message);
    }
}
