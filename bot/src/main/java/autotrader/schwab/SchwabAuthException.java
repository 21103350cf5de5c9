package autotrader.schwab;

/** Login or token refresh failed; when {@link #reloginNeeded()} only a new browser login helps. */
public class SchwabAuthException extends SchwabException {
    private final boolean reloginNeeded;

    public SchwabAuthException(String message, int status, boolean reloginNeeded) {
        super(message, status, null);
        this.reloginNeeded = reloginNeeded;
    }

    public boolean reloginNeeded() {
        return reloginNeeded;
    }
}
