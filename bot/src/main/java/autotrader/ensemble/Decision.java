package autotrader.ensemble;

/**
 * The three classes. The ordinal is the class index every model uses (probability arrays are in
 * this order: SELL, HOLD, BUY), so never reorder the constants: saved models depend on it.
 */
public enum Decision {
    SELL, HOLD, BUY;

    public static final int COUNT = 3;

    public int index() {
        return ordinal();
    }

    public static Decision ofIndex(int index) {
        return values()[index];
    }

    /** Index of the largest probability; ties go to the earlier class except that HOLD wins any tie it is part of. */
    public static Decision argmax(double[] probabilities) {
        int best = HOLD.index();
        for (int k = 0; k < COUNT; k++) {
            if (probabilities[k] > probabilities[best]) best = k;
        }
        return ofIndex(best);
    }
}
