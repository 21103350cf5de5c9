package autotrader.rules;

/**
 * Inserted by a rule when no BUY may be entered in this evaluation whatever the signal (the model
 * has no out-of-sample skill, say). The rule that turns the BUYs down gives this reason, and the
 * evaluation carries it even when the batch had no BUY, so status lines can say why nothing trades.
 */
public class EntryBlock {
    private final String reason;

    public EntryBlock(String reason) {
        this.reason = reason;
    }

    public String getReason() { return reason; }

    @Override
    public String toString() {
        return "EntryBlock[" + reason + "]";
    }
}
