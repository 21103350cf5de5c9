package autotrader.ensemble;

import autotrader.market.Timeframe;

import java.util.Map;
import java.util.Optional;

/**
 * Picks the timeframe whose prediction carries the best risk-adjusted expected return:
 * score = direction x predicted return / forecast volatility, both over that timeframe's prediction
 * horizon and in the same units. direction is +1 for BUY, -1 for SELL and, for HOLD, the score uses
 * |predicted return|. Timeframes with a non-finite return or a non-positive volatility are skipped.
 */
public final class TimeHorizon {

    public record Choice(Timeframe timeframe, double score) {}

    private TimeHorizon() {
    }

    public static Optional<Choice> best(Decision direction, Map<Timeframe, Double> predictedReturns,
                                        Map<Timeframe, Double> forecastVolatilities) {
        Choice best = null;
        for (Timeframe tf : Timeframe.values()) { // enum order: ties go to the shorter timeframe
            Double r = predictedReturns.get(tf);
            Double vol = forecastVolatilities.get(tf);
            if (r == null || vol == null || !Double.isFinite(r) || !(vol > 0) || !Double.isFinite(vol)) continue;
            double signed = switch (direction) {
                case BUY -> r;
                case SELL -> -r;
                case HOLD -> Math.abs(r);
            };
            double score = signed / vol;
            if (best == null || score > best.score()) best = new Choice(tf, score);
        }
        return Optional.ofNullable(best);
    }
}
