package autotrader.ensemble;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted base model. Inputs are raw rows in the ensemble's column order (NaN = missing); each
 * adapter does its own imputation and scaling, fitted on its own training rows.
 */
public interface BaseModel extends AutoCloseable {

    /** Short stable name, also the stem of its files: random_forest, xgboost, lightgbm, neural_net, svm. */
    String name();

    /** Class probabilities, rows x 3 in {@link Decision} order, each row summing to 1. */
    double[][] probabilities(double[][] rows);

    /** Writes the model's file(s) into {@code dir}, named after {@link #name()}. */
    void save(Path dir) throws IOException;

    /** Frees native memory (XGBoost, LightGBM); a no-op for the JVM models. */
    @Override
    default void close() {
    }
}
