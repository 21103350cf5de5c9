package autotrader.ensemble;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Saves and loads a trained ensemble as a folder (default models/ensemble/):
 * <pre>
 *   manifest.json        format version and the base models in meta-learner order
 *   columns.json         the input columns, in order
 *   random_forest.ser    smile (Java serialization; includes its imputation means)
 *   xgboost.ubj          XGBoost's own UBJ format
 *   lightgbm.txt         LightGBM's text model (saveModelToString)
 *   neural_net.ser       smile MLP with its standardisation (Java serialization)
 *   svm.ser              smile one-vs-rest SVM + Platt scaling with its standardisation
 *   meta_learner.ser     smile multinomial logistic regression
 *   calibrator.ser       smile isotonic regression of P(BUY) ({@link BuyCalibrator}); absent in folders saved before it
 *   model_card.json      {@link ModelCard}
 * </pre>
 * A save writes a sibling temporary folder and then swaps it in, so a reader never sees half a model.
 */
public final class EnsembleStore {

    public static final int FORMAT_VERSION = 1;

    /** The model files' JSON: snake_case, ISO times, indented (the cards are read by people). */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private EnsembleStore() {
    }

    public static void save(StackedEnsemble ensemble, ModelCard card, Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        List<String> names = new ArrayList<>();
        for (BaseModel m : ensemble.baseModels()) {
            m.save(tmp);
            names.add(m.name());
        }
        ensemble.metaLearner().save(tmp);
        JSON.writeValue(tmp.resolve("columns.json").toFile(), ensemble.columns());
        Map<String, Object> manifest = new TreeMap<>(Map.of("format_version", FORMAT_VERSION, "base_models", names,
                "meta_learner", "multinomial logistic regression"));
        if (ensemble.calibrator() != null) {
            ensemble.calibrator().save(tmp);
            manifest.put("calibrator", BuyCalibrator.FILE + ": " + BuyCalibrator.DESCRIPTION);
        }
        JSON.writeValue(tmp.resolve("manifest.json").toFile(), manifest);
        if (card != null) JSON.writeValue(tmp.resolve("model_card.json").toFile(), card);
        Path old = target.resolveSibling(target.getFileName() + ".old");
        deleteTree(old);
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    public static StackedEnsemble load(Path dir) throws IOException {
        Map<String, Object> manifest = JSON.readValue(dir.resolve("manifest.json").toFile(), new TypeReference<>() {});
        Object version = manifest.get("format_version");
        if (!Integer.valueOf(FORMAT_VERSION).equals(version)) {
            throw new IOException(dir + ": model format " + version + ", this build reads " + FORMAT_VERSION + "; retrain");
        }
        List<String> columns = JSON.readValue(dir.resolve("columns.json").toFile(), new TypeReference<>() {});
        List<BaseModel> models = new ArrayList<>();
        try {
            for (BaseModelKind kind : BaseModelKind.values()) models.add(kind.load(dir));
            // The format version stays 1: a folder without calibrator.ser is a valid, uncalibrated model.
            return new StackedEnsemble(columns, models, MetaLearner.load(dir), BuyCalibrator.load(dir).orElse(null));
        } catch (IOException | RuntimeException e) {
            models.forEach(BaseModel::close);
            throw e;
        }
    }

    public static ModelCard readCard(Path dir) throws IOException {
        return JSON.readValue(dir.resolve("model_card.json").toFile(), ModelCard.class);
    }

    /**
     * Replaces the skill record in {@code dir}/model_card.json and nothing else: the card is edited as a JSON
     * tree, so fields this build does not read (a retrain's comparison) survive. Written to a temporary file
     * and moved over the card, so a reader never sees half a card.
     */
    public static void writeSkill(Path dir, SkillRecord skill) throws IOException {
        Path file = dir.resolve("model_card.json");
        if (!Files.exists(file)) throw new IOException(file + " does not exist: not a model folder with a card");
        ObjectNode card = (ObjectNode) JSON.readTree(file.toFile());
        card.set("skill", JSON.valueToTree(skill));
        Path tmp = file.resolveSibling("model_card.json.tmp");
        JSON.writeValue(tmp.toFile(), card);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static String toJson(ModelCard card) throws IOException {
        return JSON.writeValueAsString(card);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
