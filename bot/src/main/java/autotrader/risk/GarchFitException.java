package autotrader.risk;

/** A GARCH fit that could not produce trustworthy parameters; {@link #reason()} says which kind of failure. */
public class GarchFitException extends Exception {

    public enum Reason { TOO_SHORT, NON_FINITE, CONSTANT, NOT_CONVERGED }

    private final Reason reason;

    public GarchFitException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public GarchFitException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
