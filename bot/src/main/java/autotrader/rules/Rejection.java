package autotrader.rules;

/** Inserted by a rule to turn a signal down. The first rejection of a signal is the one reported. */
public class Rejection {
    private final Signal signal;
    private final String reason;
    private String rule;

    /** The engine fills in the name of the rule whose consequence inserted it. */
    public Rejection(Signal signal, String reason) {
        this(signal, reason, null);
    }

    public Rejection(Signal signal, String reason, String rule) {
        this.signal = signal;
        this.reason = reason;
        this.rule = rule;
    }

    public Signal getSignal() { return signal; }
    public String getSymbol() { return signal.getSymbol(); }
    public String getReason() { return reason; }
    /** Name of the rule that rejected; set by the engine when the inserting rule did not pass one. */
    public String getRule() { return rule; }

    void setRuleIfMissing(String rule) {
        if (this.rule == null) this.rule = rule;
    }

    @Override
    public String toString() {
        return "Rejection[" + getSymbol() + ": " + reason + " (" + rule + ")]";
    }
}
