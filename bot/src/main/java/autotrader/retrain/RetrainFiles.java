package autotrader.retrain;

import autotrader.ensemble.EnsembleStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a retrain writes what it decided: the {@code retrain} section of the new set's model_card.json,
 * and {@code <model dir>-retrain-history.json} beside the model folder (a JSON list, newest last). The
 * history lives outside the folder on purpose: the folder's content hash is the model version stored
 * with every decision, and a rejected candidate must not change the live model's version.
 */
public final class RetrainFiles {

    static final ObjectMapper JSON = EnsembleStore.JSON;

    public static final String CARD = "model_card.json";

    private RetrainFiles() {
    }

    public static Path history(Path modelDir) {
        Path p = modelDir.toAbsolutePath().normalize();
        return p.resolveSibling(p.getFileName() + "-retrain-history.json");
    }

    /** Adds the {@code retrain} section to {@code dir}/model_card.json (replaced through a temporary file). */
    static void addToCard(Path dir, RetrainRecord r) throws IOException {
        Path card = dir.resolve(CARD);
        ObjectNode node = (ObjectNode) JSON.readTree(card.toFile());
        node.set("retrain", JSON.valueToTree(r));
        writeAtomically(card, JSON.writeValueAsBytes(node));
    }

    /** The {@code retrain} section of a model card, or null when the model was not made by a retrain. */
    public static RetrainRecord fromCard(Path dir) throws IOException {
        var node = JSON.readTree(dir.resolve(CARD).toFile()).get("retrain");
        return node == null ? null : JSON.treeToValue(node, RetrainRecord.class);
    }

    static void appendHistory(Path modelDir, RetrainRecord r) throws IOException {
        List<RetrainRecord> all = new ArrayList<>(readHistory(modelDir));
        all.add(r);
        writeAtomically(history(modelDir), JSON.writeValueAsBytes(all));
    }

    public static List<RetrainRecord> readHistory(Path modelDir) throws IOException {
        Path f = history(modelDir);
        if (!Files.exists(f)) return List.of();
        try {
            return JSON.readValue(f.toFile(), new TypeReference<List<RetrainRecord>>() {});
        } catch (IOException e) {
            throw new IOException(f + ": not a readable retrain history (" + e.getMessage() + "); move it away to start a new one", e);
        }
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
