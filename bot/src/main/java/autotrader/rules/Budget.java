package autotrader.rules;

import org.kie.api.definition.type.ClassReactive;

/**
 * Buying power still free in this batch. One per session: the sizing rules draw it down in rank order
 * so ten plans cannot each spend the whole account's buying power. Class-reactive like {@link TradePlan}.
 */
@ClassReactive
public class Budget {
    private double remaining;

    public Budget(double remaining) {
        this.remaining = remaining;
    }

    public double getRemaining() { return remaining; }
    public void setRemaining(double remaining) { this.remaining = remaining; }

    @Override
    public String toString() {
        return "Budget[" + remaining + "]";
    }
}
