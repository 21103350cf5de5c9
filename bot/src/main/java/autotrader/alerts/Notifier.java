package autotrader.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one alert port: everything that needs the trader (a fill, a stop hit, a refused rules file, a
 * Schwab login about to end, an order only the broker knows, a stopped job) is an alert of a kind
 * with a plain text. Telegram implements it (through {@code GroupedNotifier}, which groups repeats);
 * {@link #log()} and {@link #logged} write every alert to the log as well. Returns at once and never
 * throws; a kind switched off in config (telegram.alerts) is dropped by the adapter.
 */
@FunctionalInterface
public interface Notifier {

    void alert(AlertKind kind, String text);

    Notifier NONE = (kind, text) -> { };

    /** Alerts to the log only (one-shot commands, tests), each at its kind's level. */
    static Notifier log() {
        return logged(NONE);
    }

    /** Every alert to the log at its kind's level, then to {@code next}: nothing a trader was sent is missing from the log. */
    static Notifier logged(Notifier next) {
        Logger log = LoggerFactory.getLogger("autotrader.alerts");
        return (kind, text) -> {
            switch (kind.logLevel()) {
                case ERROR -> log.error("ALERT {}: {}", kind.title(), text);
                case WARN -> log.warn("ALERT {}: {}", kind.title(), text);
                default -> log.info("ALERT {}: {}", kind.title(), text);
            }
            next.alert(kind, text);
        };
    }
}
