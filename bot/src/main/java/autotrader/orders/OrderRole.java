package autotrader.orders;

/**
 * What an order is for. ENTRY opens a position (with its bracket attached), EXIT closes one
 * (flatten), PROTECTION is a stand-alone take-profit/stop-loss pair re-placed for a position whose
 * bracket disappeared. The last three are the legs a broker reports as children of an order.
 */
public enum OrderRole {
    ENTRY, EXIT, PROTECTION, TAKE_PROFIT, STOP_LOSS, TRAILING_STOP;

    /** Child legs are created by the broker from the parent we sent, never sent on their own. */
    public boolean isChildLeg() {
        return this == TAKE_PROFIT || this == STOP_LOSS || this == TRAILING_STOP;
    }
}
