package autotrader.ensemble;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;

/**
 * The decision model: five base models and the meta-learner over their probabilities, bound to the
 * column list it was trained on. Inputs with another column list are refused
 * ({@link ColumnMismatchException}); NaN means missing. Concurrent predictions on one instance were not
 * tested (five libraries, two of them native); the pipeline predicts its 50 candidates in one call.
 * With a {@link BuyCalibrator} a BUY decision's confidence is the calibrated probability that the long
 * trade ends profitable after costs; the probabilities, the decision (argmax) and SELL/HOLD confidences
 * stay the meta-learner's. Without one (folders saved before calibration) everything is the meta-learner's.
 */
public final class StackedEnsemble implements AutoCloseable {

    private final List<String> columns;
    private final List<BaseModel> baseModels;
    private final MetaLearner meta;
    private final BuyCalibrator calibrator;

    public StackedEnsemble(List<String> columns, List<BaseModel> baseModels, MetaLearner meta) {
        this(columns, baseModels, meta, null);
    }

    /** {@code calibrator} may be null: confidences are then the meta-learner's probabilities. */
    public StackedEnsemble(List<String> columns, List<BaseModel> baseModels, MetaLearner meta, BuyCalibrator calibrator) {
        if (baseModels.size() != BaseModelKind.values().length) {
            throw new IllegalArgumentException("need " + BaseModelKind.values().length + " base models, got " + baseModels.size());
        }
        for (int m = 0; m < baseModels.size(); m++) {
            if (!baseModels.get(m).name().equals(BaseModelKind.values()[m].modelName())) {
                throw new IllegalArgumentException("base model " + m + " must be " + BaseModelKind.values()[m].modelName());
            }
        }
        this.columns = List.copyOf(columns);
        this.baseModels = List.copyOf(baseModels);
        this.meta = meta;
        this.calibrator = calibrator;
    }

    public List<String> columns() {
        return columns;
    }

    public List<BaseModel> baseModels() {
        return baseModels;
    }

    public MetaLearner metaLearner() {
        return meta;
    }

    /** The BUY calibrator, or null when this model's confidences are not calibrated. */
    public BuyCalibrator calibrator() {
        return calibrator;
    }

    /** The confidence served for a decision made on meta-learner probabilities {@code p}. */
    public double confidence(Decision decision, double[] p) {
        if (decision == Decision.BUY && calibrator != null) return calibrator.calibrate(p[Decision.BUY.index()]);
        return p[decision.index()];
    }

    /** One row given by name; every column must be present (use NaN for a missing value), no others. */
    public EnsemblePrediction predict(Map<String, Double> inputs) {
        // A map has no order, so only the name sets must match; differing sets get the usual message.
        if (!new HashSet<>(columns).equals(inputs.keySet())) ColumnMismatchException.require(columns, new ArrayList<>(inputs.keySet()));
        double[] row = new double[columns.size()];
        for (int j = 0; j < row.length; j++) {
            Double v = inputs.get(columns.get(j));
            row[j] = v == null ? Double.NaN : v;
        }
        return predict(columns, new double[][] {row}).get(0);
    }

    /** Rows whose values are in the order of {@code rowColumns}, which must equal the training columns. */
    public List<EnsemblePrediction> predict(List<String> rowColumns, double[][] rows) {
        ColumnMismatchException.require(columns, rowColumns);
        for (double[] r : rows) {
            if (r.length != columns.size()) throw new IllegalArgumentException("row has " + r.length + " values, expected " + columns.size());
        }
        double[][][] base = baseProbabilities(rows);
        double[][] p = meta.probabilities(MetaLearner.stack(base));
        List<EnsemblePrediction> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            Decision decision = Decision.argmax(p[i]);
            Map<String, Decision> votes = new LinkedHashMap<>();
            int agree = 0;
            for (int m = 0; m < base.length; m++) {
                Decision d = Decision.argmax(base[m][i]);
                votes.put(baseModels.get(m).name(), d);
                if (d == decision) agree++;
            }
            out.add(new EnsemblePrediction(p[i], decision, confidence(decision, p[i]), agree, votes));
        }
        return out;
    }

    /** All rows of a dataset (its columns are checked). */
    public List<EnsemblePrediction> predict(EnsembleDataset data) {
        return predict(data.columns(), data.inputMatrix());
    }

    /** Meta-learner probabilities, rows x 3, without building prediction records. */
    public double[][] probabilities(double[][] rows) {
        return meta.probabilities(MetaLearner.stack(baseProbabilities(rows)));
    }

    /**
     * Each base model's probabilities: [model][row][class]. The five models are independent, so they run
     * side by side on the common pool (each model in one task: no model is called by two threads at once);
     * one after the other they were the whole ensemble stage, on one core of two.
     */
    public double[][][] baseProbabilities(double[][] rows) {
        double[][][] out = new double[baseModels.size()][][];
        IntStream.range(0, out.length).parallel().forEach(m -> out[m] = baseModels.get(m).probabilities(rows));
        return out;
    }

    @Override
    public void close() {
        baseModels.forEach(BaseModel::close);
    }
}
