package autotrader.ensemble;

/**
 * Expected return of a position from the ensemble's class probabilities and a predicted return
 * (docs/ensemble.md): the predictor says how far the price may move, the ensemble how likely each
 * direction is. A move of |r| up is assumed with probability P(BUY), down with P(SELL), and none
 * with P(HOLD):
 * <pre>  E[r] = (P(BUY) - P(SELL)) x |r|  </pre>
 * Positive favours a long, negative a short. The predictor's sign is deliberately not used: the
 * direction is the ensemble's call, which is trained on costs-included trade outcomes.
 */
public final class ExpectedReturn {

    private ExpectedReturn() {
    }

    /** Expected return in percent, given the predicted return in percent. NaN in gives NaN out. */
    public static double percent(double[] probabilities, double predictedReturnPercent) {
        return (probabilities[Decision.BUY.index()] - probabilities[Decision.SELL.index()]) * Math.abs(predictedReturnPercent);
    }

    public static double percent(EnsemblePrediction prediction, double predictedReturnPercent) {
        return percent(prediction.probabilities(), predictedReturnPercent);
    }
}
