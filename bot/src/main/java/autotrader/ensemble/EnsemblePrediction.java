package autotrader.ensemble;

import java.util.Map;

/**
 * The ensemble's output for one input row.
 *
 * @param probabilities  calibrated class probabilities from the meta-learner, in {@link Decision} order
 * @param decision       the class with the largest probability
 * @param confidence     the probability of that class; for BUY from a calibrated model, the calibrated probability
 *                       that the long trade ends profitable after costs ({@link BuyCalibrator})
 * @param agreeingModels how many of the five base models' own argmax equals the decision (0-5)
 * @param baseDecisions  each base model's argmax, by model name
 */
public record EnsemblePrediction(double[] probabilities, Decision decision, double confidence, int agreeingModels,
                                 Map<String, Decision> baseDecisions) {

    public double probability(Decision d) {
        return probabilities[d.index()];
    }
}
