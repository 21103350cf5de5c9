package autotrader.pipeline;

import autotrader.ensemble.Decision;
import autotrader.ensemble.ModelTrade;
import autotrader.market.Timeframe;
import autotrader.predict.Predictors.Forecast;
import autotrader.risk.RiskMetrics;

import java.time.Instant;
import java.util.Map;

/**
 * The pipeline's verdict on one candidate (the design's decision shape). Risk metrics are those of
 * the horizon timeframe, so the rules' stop distance is in that timeframe's bars.
 *
 * @param expectedReturn percent over the horizon timeframe's next bar
 * @param probabilities  calibrated BUY, SELL, HOLD probabilities from the meta-learner
 * @param trade          the trade the model scored (its labels' stop, target and holding limit); null when unknown
 */
public record CycleDecision(String symbol, Instant asOf, double price, Decision decision, double confidence, double expectedReturn,
                            int riskScore, Timeframe timeHorizon, Map<Timeframe, Forecast> predictions, RiskMetrics riskMetrics,
                            int modelsAgree, double[] probabilities, double momentumScore, ModelTrade.Plan trade) {

    public CycleDecision(String symbol, Instant asOf, double price, Decision decision, double confidence, double expectedReturn,
                         int riskScore, Timeframe timeHorizon, Map<Timeframe, Forecast> predictions, RiskMetrics riskMetrics,
                         int modelsAgree, double[] probabilities, double momentumScore) {
        this(symbol, asOf, price, decision, confidence, expectedReturn, riskScore, timeHorizon, predictions, riskMetrics, modelsAgree,
                probabilities, momentumScore, null);
    }
}
