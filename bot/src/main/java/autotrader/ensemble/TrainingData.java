package autotrader.ensemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a saved ensemble was trained on, as its card says. A model trained on SIMULATED bars learned
 * the simulator's made-up dynamics (on real bars the committed one ranks candidates backwards), so it
 * serves the sim source only: {@link #refusalForRealPrices} is the reason a daemon on real prices
 * refuses it.
 */
public final class TrainingData {

    private TrainingData() {
    }

    /** The card's data note ("data: sim (SIMULATED, seed 42) ..."), or empty when it has none. */
    static Optional<String> dataNote(ModelCard card) {
        List<String> notes = card.notes() == null ? List.of() : card.notes();
        return notes.stream().filter(n -> n.startsWith("data:")).findFirst();
    }

    /**
     * Why the ensemble in {@code dir} must not decide on real prices (csv or Schwab source, paper or
     * live), naming the model and what it was trained on; empty when its card says real bars. A card
     * that does not say what data it saw is refused too: a model that cannot show it was trained on
     * real bars is not trusted with real money.
     */
    public static Optional<String> refusalForRealPrices(Path dir) {
        if (!Files.exists(dir.resolve("manifest.json"))) return Optional.empty();
        ModelCard card;
        try {
            card = EnsembleStore.readCard(dir);
        } catch (IOException e) {
            return Optional.of(dir.resolve("model_card.json") + " cannot be read (" + e.getMessage() + "): what the ensemble was trained on is unknown");
        }
        Optional<String> note = dataNote(card);
        if (note.isEmpty()) {
            return Optional.of(dir.resolve("model_card.json") + " does not say what data the ensemble was trained on (no 'data: ...' note)");
        }
        if (note.get().toUpperCase(Locale.ROOT).contains("SIMULATED")) {
            return Optional.of("the ensemble in " + dir + " was trained on SIMULATED bars (" + note.get().replaceFirst("^data: ", "")
                    + "); it serves the sim source only");
        }
        return Optional.empty();
    }
}
