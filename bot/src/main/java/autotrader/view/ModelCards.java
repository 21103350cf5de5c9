package autotrader.view;

import autotrader.ensemble.EnsembleStore;
import autotrader.market.Timeframe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/** The models' cards in one line each: whether each predictor beats its naive baseline, and the ensemble's held-out skill. */
public final class ModelCards {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelCards() {
    }

    /** Per timeframe: "beats naive", "worse than naive", "card unreadable" or "missing", from {@code <dir>/<tf>.json}. */
    public static String predictors(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (Timeframe tf : Timeframe.values()) {
            Path card = dir.resolve(tf.label() + ".json");
            String v;
            try {
                JsonNode c = JSON.readTree(card.toFile());
                JsonNode beats = c.findValue("beats_naive_baseline");
                v = beats == null ? "?" : beats.asBoolean() ? "beats naive" : "worse than naive";
            } catch (Exception e) {
                v = Files.exists(card) ? "card unreadable" : "missing";
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(tf.label()).append(' ').append(v);
        }
        return sb.toString();
    }

    /** When the ensemble in {@code dir} was trained and its held-out AUC and accuracy against always HOLD; or that none is trained. */
    public static String ensemble(Path dir) {
        try {
            var card = EnsembleStore.readCard(dir);
            var stacked = card.holdoutMetrics().get("stacked");
            return String.format("trained %s, held-out AUC %.3f, accuracy %.3f (always HOLD %.3f)", card.trainedAt(), stacked.aucMacro(),
                    stacked.accuracy(), card.alwaysHold() == null ? Double.NaN : card.alwaysHold().accuracy());
        } catch (Exception e) {
            return "not trained (" + dir + "): run `autotrader train ensemble`";
        }
    }
}
