package autotrader.pipeline;

import autotrader.market.Timeframe;
import autotrader.predict.Predictors.Forecast;
import autotrader.risk.RiskAssessment;
import autotrader.scan.Candidate;

import java.util.Map;

/** Everything the ensemble sees of one candidate, plus what the decision is explained with. */
public record CandidateInputs(Candidate candidate, double price, double[] row, Map<Timeframe, Forecast> forecasts,
                              Map<Timeframe, RiskAssessment> risk) {
}
