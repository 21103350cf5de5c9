package autotrader.ensemble;

import com.microsoft.ml.lightgbm.PredictionType;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

/** LightGBM, multiclass objective; NaN is treated as missing natively. Saved with saveModelToString. */
final class LightGbmModel implements BaseModel {

    static final String FILE = "lightgbm.txt";

    static {
        LightGbmNative.load();   // before LGBMBooster's own loader can overwrite a shared copy (see there)
    }

    private final LGBMBooster booster;
    private final int columns;
    /** The training dataset of a freshly fitted booster: LightGBM's booster keeps a raw pointer to it, so it must outlive the booster. */
    private final LGBMDataset trainingData;

    private LightGbmModel(LGBMBooster booster, int columns, LGBMDataset trainingData) {
        this.booster = booster;
        this.columns = columns;
        this.trainingData = trainingData;
    }

    static LightGbmModel fit(double[][] x, int[] y, EnsembleSettings s, long seed) {
        int p = x[0].length;
        String params = "objective=multiclass num_class=" + Decision.COUNT
                + " num_leaves=" + s.lgbmNumLeaves() + " learning_rate=" + s.lgbmLearningRate()
                + " min_data_in_leaf=20 feature_fraction=0.5 bagging_fraction=0.8 bagging_freq=1"
                // deterministic + a fixed thread count make repeated fits identical
                + " seed=" + seed + " deterministic=true force_row_wise=true num_threads=2 verbosity=-1";
        LGBMDataset data = null;
        try {
            data = LGBMDataset.createFromMat(flatten(x, p), x.length, p, true, "verbosity=-1 max_bin=63", null);
            float[] labels = new float[y.length];
            for (int i = 0; i < y.length; i++) labels[i] = y[i];
            data.setField("label", labels);
            LGBMBooster booster = LGBMBooster.create(data, params);
            for (int i = 0; i < s.lgbmIterations(); i++) {
                if (booster.updateOneIter()) break; // true: no further split possible
            }
            return new LightGbmModel(booster, p, data);
        } catch (LGBMException e) {
            closeQuietly(data);
            throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
        }
    }

    static LightGbmModel load(Path dir) throws IOException {
        try {
            LGBMBooster booster = LGBMBooster.loadModelFromString(Files.readString(dir.resolve(FILE)));
            return new LightGbmModel(booster, booster.getNumFeature(), null);
        } catch (LGBMException e) {
            throw new IOException(dir.resolve(FILE) + ": not a LightGBM model: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return BaseModelKind.LIGHTGBM.modelName();
    }

    @Override
    public double[][] probabilities(double[][] rows) {
        double[] flat = predictNormal(flatten(rows, columns), rows.length);
        double[][] out = new double[rows.length][Decision.COUNT];
        for (int i = 0; i < rows.length; i++) System.arraycopy(flat, i * Decision.COUNT, out[i], 0, Decision.COUNT);
        return out;
    }

    /**
     * LGBM_BoosterPredictForMat with an output buffer of rows x classes. lightgbm4j 4.3.0-1's predictForMat
     * allocates 2 x rows doubles whatever the number of classes, so a 3-class prediction writes past its buffer
     * and corrupts the native heap (seen here as "free(): invalid next size" and SIGSEGV in the Predictor).
     */
    private double[] predictNormal(double[] flat, int rows) {
        SWIGTYPE_p_double input = lightgbmlib.new_doubleArray(flat.length);
        SWIGTYPE_p_long_long outLength = lightgbmlib.new_int64_tp();
        long capacity = (long) rows * Decision.COUNT;
        SWIGTYPE_p_double output = lightgbmlib.new_doubleArray(capacity);
        try {
            for (int i = 0; i < flat.length; i++) lightgbmlib.doubleArray_setitem(input, i, flat[i]);
            int rc = lightgbmlib.LGBM_BoosterPredictForMat(lightgbmlib.voidpp_value(handle(booster)),
                    lightgbmlib.double_to_voidp_ptr(input), lightgbmlibConstants.C_API_DTYPE_FLOAT64, rows, columns, 1,
                    PredictionType.C_API_PREDICT_NORMAL.getType(), 0, -1, "num_threads=2", outLength, output);
            if (rc != 0) throw new IllegalStateException("LightGBM prediction failed: " + lightgbmlib.LGBM_GetLastError());
            long n = lightgbmlib.int64_tp_value(outLength);
            if (n != capacity) throw new IllegalStateException("LightGBM returned " + n + " values for " + rows + " rows x 3 classes");
            double[] out = new double[(int) n];
            for (int i = 0; i < out.length; i++) out[i] = lightgbmlib.doubleArray_getitem(output, i);
            return out;
        } finally {
            lightgbmlib.delete_doubleArray(input);
            lightgbmlib.delete_doubleArray(output);
            lightgbmlib.delete_int64_tp(outLength);
        }
    }

    /** lightgbm4j keeps the native handle private; it is read once per call by reflection (classpath, no module barrier). */
    private static SWIGTYPE_p_p_void handle(LGBMBooster booster) {
        try {
            Field f = LGBMBooster.class.getDeclaredField("handle");
            f.setAccessible(true);
            return (SWIGTYPE_p_p_void) f.get(booster);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("lightgbm4j changed: no booster handle field", e);
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        try {
            Files.writeString(dir.resolve(FILE), booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT));
        } catch (LGBMException e) {
            throw new IOException("LightGBM model could not be saved: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            booster.close();
        } catch (LGBMException e) {
            // nothing useful to do: the process keeps running and the handle is gone either way
        }
        closeQuietly(trainingData); // after the booster, which points into it
    }

    private static void closeQuietly(LGBMDataset data) {
        if (data == null) return;
        try {
            data.close();
        } catch (LGBMException e) {
            // as above
        }
    }

    private static double[] flatten(double[][] x, int p) {
        double[] flat = new double[x.length * p];
        for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, flat, i * p, p);
        return flat;
    }
}
