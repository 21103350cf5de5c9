package autotrader.app;

/**
 * STAND-IN: the brief names an existing autotrader.app.BadInputException (exit code 2, message naming
 * the file and field), but this branch has no autotrader.app package yet. Keep the real one when merging.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
