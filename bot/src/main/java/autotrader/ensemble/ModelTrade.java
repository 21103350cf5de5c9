package autotrader.ensemble;

import autotrader.config.AppConfig;
import autotrader.market.Bar;
import autotrader.market.Timeframe;

import java.util.List;
import java.util.Optional;

/**
 * The trade the ensemble was trained to score, for a decision made now: the labels' own stop and
 * target (kStop and kTarget times the realised volatility of the label timeframe's last bars, the
 * same sigma {@link TradeLabeler} uses) and their holding limit (horizonBars bars of that timeframe).
 * The decision carries it so that the rules can place exactly this trade, and a confidence
 * "such trades won 58 %" describes the order that is sent.
 */
public record ModelTrade(Timeframe timeframe, LabelSettings labels) {

    /**
     * @param sigma     realised volatility of one bar's log return, from the bars up to the decision only
     * @param stopPct   stop distance below the entry, a fraction
     * @param targetPct target distance above the entry, a fraction
     * @param holdBars  bars of {@code timeframe} after which the position is closed at market
     */
    public record Plan(Timeframe timeframe, double sigma, double stopPct, double targetPct, int holdBars) {}

    /** The trade of the configured labels (the strategy's decision section sets them beside its model folder). */
    public static ModelTrade of(AppConfig.Ensemble e) {
        return new ModelTrade(Timeframe.parse(e.labelTimeframe), LabelSettings.from(e.labels));
    }

    /** The plan for a decision at the close of the last of {@code bars}; empty when there are too few bars or no movement. */
    public Optional<Plan> at(List<Bar> bars) {
        TradeLabeler labeler = new TradeLabeler(labels);
        int t = bars.size() - 1;
        if (t < labeler.firstLabelableBar()) return Optional.empty();
        double sigma = labeler.realisedVolatility(bars, t);
        if (!(sigma > 0) || !Double.isFinite(sigma)) return Optional.empty();
        return Optional.of(new Plan(timeframe, sigma, labels.kStop() * sigma, labels.kTarget() * sigma, labels.horizonBars()));
    }
}
