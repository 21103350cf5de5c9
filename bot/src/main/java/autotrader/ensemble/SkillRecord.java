package autotrader.ensemble;

import java.time.Instant;
import java.util.List;

/**
 * A model's out-of-sample record: how well its score ranked the candidates of each decision time
 * against the trade each would have been (entry at the next bar, the label's stop, target and horizon,
 * costs in), and whether its stated confidence came true. Measured on rows the model never trained or
 * was validated on (a held-out period after its training data, or a walk-forward test window), and
 * written into the model card; the rules read it as a fact and refuse BUYs from a model without skill.
 * A metric that cannot be computed is null (a JSON null in the card).
 *
 * @param source           what the rows were, e.g. "held-out 2024-10-07..2024-10-15 (sim, SIMULATED)"
 * @param from             first decision time measured
 * @param to               last decision time measured
 * @param decisionTimes    decision times with at least {@code minNamesPerTime} scored candidates (the IC's sample size)
 * @param rows             scored candidate rows with a realised trade
 * @param score            what was ranked, e.g. "P(BUY)"
 * @param ic               mean over decision times of the Spearman rank correlation between score and realised net return
 * @param icT              Newey-West t-statistic of that mean (lag {@code neweyWestLag})
 * @param neweyWestLag     lags in the Newey-West variance
 * @param icHitRate        fraction of decision times whose IC was above 0
 * @param topMinusBottom   mean net return of the top score quintile minus the bottom one, per decision time, averaged
 * @param roundTripCost    the label's round-trip cost (commission and slippage, both legs), as a fraction
 * @param buyTrades        rows the model called BUY
 * @param buyWinRate       of those, the fraction whose long trade ended profitable after costs
 * @param buyMeanReturn    their mean net return
 * @param calibrationError expected calibration error of the stated BUY confidence against those wins
 * @param buckets          stated vs realised, per confidence bucket of the BUY calls
 */
public record SkillRecord(
        String source,
        Instant from,
        Instant to,
        int decisionTimes,
        int rows,
        String score,
        Double ic,
        Double icT,
        int neweyWestLag,
        Double icHitRate,
        Double topMinusBottom,
        Double roundTripCost,
        int buyTrades,
        Double buyWinRate,
        Double buyMeanReturn,
        Double calibrationError,
        List<Bucket> buckets) {

    /** BUY calls whose stated confidence fell in [lower, upper): how many, what they said, what happened. */
    public record Bucket(double lower, double upper, int trades, Double statedConfidence, Double winRate, Double meanReturn) {}

    /** The bucket a stated confidence falls in, or null when none holds it. */
    public Bucket bucketOf(double confidence) {
        if (buckets == null || !Double.isFinite(confidence)) return null;
        for (Bucket b : buckets) {
            if (confidence >= b.lower() && (confidence < b.upper() || (b.upper() >= 1.0 && confidence <= 1.0))) return b;
        }
        return null;
    }
}
