package autotrader.approvals;

/**
 * Where the approval service shows an intent to the trader (the Telegram adapter implements it).
 * Both methods return at once and never throw: delivery happens off the caller's thread, and an
 * intent that could not be shown simply stays pending until it expires.
 */
public interface ApprovalChannel {

    /** Shows a new pending intent with Approve and Reject buttons. */
    void offer(PendingIntent intent);

    /**
     * Tells the channel an intent was settled elsewhere (another adapter, the expiry sweep, auto-approval),
     * so it can replace its buttons with the outcome.
     */
    void settled(ApprovalOutcome outcome);

    ApprovalChannel NONE = new ApprovalChannel() {
        @Override
        public void offer(PendingIntent intent) {
        }

        @Override
        public void settled(ApprovalOutcome outcome) {
        }
    };
}
