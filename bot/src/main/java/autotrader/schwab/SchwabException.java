package autotrader.schwab;

import autotrader.orders.BrokerException;

/** A Schwab call failed. Messages carry the method, path, status and Schwab's error text, never a token or key. */
public class SchwabException extends BrokerException {
    private final int status;

    public SchwabException(String message) {
        this(message, 0, null);
    }

    public SchwabException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, 0 when there was none (I/O failure, malformed body). */
    public int status() {
        return status;
    }
}
