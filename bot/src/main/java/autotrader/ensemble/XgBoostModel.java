package autotrader.ensemble;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** XGBoost, multi:softprob with the hist method; NaN is XGBoost's own "missing", so no imputation. Saved as UBJ. */
final class XgBoostModel implements BaseModel {

    static final String FILE = "xgboost.ubj";

    private final Booster booster;
    private final int columns;

    private XgBoostModel(Booster booster, int columns) {
        this.booster = booster;
        this.columns = columns;
    }

    static XgBoostModel fit(double[][] x, int[] y, EnsembleSettings s, long seed) {
        int p = x[0].length;
        try {
            DMatrix train = new DMatrix(flatten(x, p), x.length, p, Float.NaN);
            try {
                float[] labels = new float[y.length];
                for (int i = 0; i < y.length; i++) labels[i] = y[i];
                train.setLabel(labels);
                Map<String, Object> params = new HashMap<>();
                params.put("objective", "multi:softprob");
                params.put("num_class", Decision.COUNT);
                params.put("tree_method", "hist"); // deterministic for a fixed thread count, and fast
                params.put("max_depth", s.xgbMaxDepth());
                params.put("eta", s.xgbEta());
                params.put("subsample", 0.8);
                params.put("colsample_bytree", 0.5);
                params.put("min_child_weight", 5);
                params.put("seed", (int) (seed & 0x7fffffff));
                params.put("nthread", 2);
                params.put("verbosity", 0);
                Booster booster = XGBoost.train(train, params, s.xgbRounds(), new HashMap<>(), null, null);
                return new XgBoostModel(booster, p);
            } finally {
                train.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    static XgBoostModel load(Path dir) throws IOException {
        try {
            Booster booster = XGBoost.loadModel(Files.readAllBytes(dir.resolve(FILE)));
            return new XgBoostModel(booster, (int) booster.getNumFeature());
        } catch (XGBoostError e) {
            throw new IOException(dir.resolve(FILE) + ": not an XGBoost model: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return BaseModelKind.XGBOOST.modelName();
    }

    @Override
    public double[][] probabilities(double[][] rows) {
        try {
            float[][] p = booster.inplace_predict(flatten(rows, columns), rows.length, columns, Float.NaN);
            double[][] out = new double[rows.length][Decision.COUNT];
            for (int i = 0; i < rows.length; i++) for (int k = 0; k < Decision.COUNT; k++) out[i][k] = p[i][k];
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        try {
            Files.write(dir.resolve(FILE), booster.toByteArray("ubj"));
        } catch (XGBoostError e) {
            throw new UncheckedIOException(new IOException("XGBoost model could not be serialised: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }

    private static float[] flatten(double[][] x, int p) {
        float[] flat = new float[x.length * p];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < p; j++) flat[i * p + j] = (float) x[i][j];
        return flat;
    }
}
