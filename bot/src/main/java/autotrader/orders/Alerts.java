package autotrader.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the order layer and the Schwab client tell the trader something needs a person: a login
 * about to expire, a position only the broker knows, an order that matched twice, an order that
 * failed. {@code app.TraderAlerts} sends them to the log and the trader's notifier (Telegram).
 */
public interface Alerts {

    enum Level { INFO, WARNING, CRITICAL }

    void alert(Level level, String message);

    /** A fill was recorded (the first time it is seen). Entry, exit and protective legs alike; {@code order.role()} says which. */
    default void filled(StoredOrder order, BrokerFill fill) {
        alert(Level.INFO, String.format("%s %s %d %s at %s (order %d)", order.role(), order.side(), fill.quantity(), order.symbol(),
                fill.price(), order.id()));
    }

    /** The broker refused an order. */
    default void rejected(StoredOrder order, String reason) {
        alert(Level.WARNING, "order " + order.id() + " " + order.side() + " " + order.quantity() + " " + order.symbol() + " rejected: " + reason);
    }

    /** An approved order certainly never reached the broker and will not be sent (state FAILED). */
    default void failed(StoredOrder order, String reason) {
        alert(Level.CRITICAL, "order " + order.id() + " " + order.side() + " " + order.quantity() + " " + order.symbol() + " FAILED: " + reason);
    }

    /** The broker login is about to end or has ended. */
    default void loginExpiry(Level level, String message) {
        alert(level, message);
    }

    static Alerts log() {
        Logger log = LoggerFactory.getLogger("autotrader.alerts");
        return (level, message) -> {
            switch (level) {
                case INFO -> log.info("ALERT {}", message);
                case WARNING -> log.warn("ALERT {}", message);
                case CRITICAL -> log.error("ALERT {}", message);
            }
        };
    }
}
