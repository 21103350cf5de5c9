package autotrader.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the order layer and the Schwab client tell the trader something needs a person: a login
 * about to expire, a position only the broker knows, an order that matched twice. The Telegram
 * stage implements it later; until then alerts go to the log.
 */
public interface Alerts {

    enum Level { INFO, WARNING, CRITICAL }

    void alert(Level level, String message);

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
