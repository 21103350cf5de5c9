package autotrader.ensemble;

import java.io.IOException;
import java.nio.file.Path;

/** The five base models, in the order their probabilities enter the meta-learner (never reorder: saved meta-learners depend on it). */
public enum BaseModelKind {
    RANDOM_FOREST("random_forest"),
    XGBOOST("xgboost"),
    LIGHTGBM("lightgbm"),
    NEURAL_NET("neural_net"),
    SVM("svm");

    private final String modelName;

    BaseModelKind(String modelName) {
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }

    /** Fits this kind on rows x (NaN = missing) and labels y (Decision indices; all three must occur). */
    public BaseModel fit(double[][] x, int[] y, EnsembleSettings s, long seed) {
        return switch (this) {
            case RANDOM_FOREST -> RandomForestModel.fit(x, y, s, seed);
            case XGBOOST -> XgBoostModel.fit(x, y, s, seed);
            case LIGHTGBM -> LightGbmModel.fit(x, y, s, seed);
            case NEURAL_NET -> NeuralNetModel.fit(x, y, s, seed);
            case SVM -> SvmModel.fit(x, y, s, seed);
        };
    }

    public BaseModel load(Path dir) throws IOException {
        return switch (this) {
            case RANDOM_FOREST -> Serialized.read(dir.resolve(modelName + ".ser"), RandomForestModel.class);
            case XGBOOST -> XgBoostModel.load(dir);
            case LIGHTGBM -> LightGbmModel.load(dir);
            case NEURAL_NET -> Serialized.read(dir.resolve(modelName + ".ser"), NeuralNetModel.class);
            case SVM -> Serialized.read(dir.resolve(modelName + ".ser"), SvmModel.class);
        };
    }
}
