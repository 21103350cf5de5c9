package autotrader.pipeline;

import autotrader.ensemble.ModelTrade;
import autotrader.market.Timeframe;
import autotrader.predict.Predictors.Forecast;
import autotrader.risk.RiskAssessment;
import autotrader.scan.Candidate;

import java.util.Map;

/**
 * Everything the ensemble sees of one candidate, plus what the decision is explained with.
 *
 * @param trade the trade the model scores for this candidate now (null: no model trade configured, or too few bars)
 */
public record CandidateInputs(Candidate candidate, double price, double[] row, Map<Timeframe, Forecast> forecasts,
                              Map<Timeframe, RiskAssessment> risk, ModelTrade.Plan trade) {

    public CandidateInputs(Candidate candidate, double price, double[] row, Map<Timeframe, Forecast> forecasts,
                           Map<Timeframe, RiskAssessment> risk) {
        this(candidate, price, row, forecasts, risk, null);
    }
}
