package autotrader.app;

/** A command-line argument or input file that cannot be used (exit code 2). */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
