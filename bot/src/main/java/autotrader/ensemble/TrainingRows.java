package autotrader.ensemble;

import autotrader.features.FeatureMatrix;
import autotrader.market.Bar;

import java.util.List;
import java.util.Optional;

/**
 * Joins one symbol's causal feature rows with its trade labels. The decision time of bar t is its end
 * (the close the decision is made at); the row's inputs are the feature row of bar t, which
 * {@code FeatureEngine} builds from bars up to t only, and its label looks at bars t+1..t+H only. The row
 * also carries the long trade's net return, which the skill measure ranks the model's score against.
 */
public final class TrainingRows {

    private TrainingRows() {
    }

    /** Appends a row for every labelable bar; returns how many were added. {@code features} has one row per bar. */
    public static int append(EnsembleDataset.Builder builder, String symbol, List<Bar> bars, FeatureMatrix features,
                             TradeLabeler labeler) {
        if (features.rows() != bars.size()) {
            throw new IllegalArgumentException("features have " + features.rows() + " rows for " + bars.size() + " bars");
        }
        int added = 0;
        for (int t = labeler.firstLabelableBar(); t <= labeler.lastLabelableBar(bars.size()); t++) {
            if (!features.endTimes().get(t).equals(bars.get(t).end())) {
                throw new IllegalArgumentException("feature row " + t + " ends at " + features.endTimes().get(t)
                        + " but bar " + t + " ends at " + bars.get(t).end());
            }
            Optional<TradeLabeler.TradeLabel> label = labeler.label(bars, t);
            if (label.isEmpty()) continue;
            builder.add(symbol, bars.get(t).end(), label.get().labelEnd(), features.row(t), label.get().decision(),
                    label.get().longTrade().netReturn(), label.get().sigma());
            added++;
        }
        return added;
    }
}
