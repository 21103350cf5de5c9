package autotrader.predict;

import autotrader.market.Timeframe;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One trained predictor: the DL4J network plus what it needs at inference (timeframe, sequence
 * length, feature list and {@link Normalizer}). Saved as one zip: ModelSerializer's network entries
 * plus a {@code predictor.json} entry holding the rest.
 */
public final class PredictorModel {

    static final String META_ENTRY = "predictor.json";
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules();

    /** The zip's metadata entry. */
    public record Meta(String timeframe, int sequenceLength, Normalizer normalizer) {
    }

    private final Timeframe timeframe;
    private final int sequenceLength;
    private final Normalizer normalizer;
    private final MultiLayerNetwork network;
    /** The same forward pass through one sgemm per layer and step ({@link GemmLstm}); null when it does not apply (then DL4J's own). */
    private volatile GemmLstm fast;
    private volatile boolean fastTried;
    private volatile boolean fastAllowed = true;

    public PredictorModel(Timeframe timeframe, int sequenceLength, Normalizer normalizer, MultiLayerNetwork network) {
        this.timeframe = timeframe;
        this.sequenceLength = sequenceLength;
        this.normalizer = normalizer;
        this.network = network;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int sequenceLength() {
        return sequenceLength;
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    public List<String> featureNames() {
        return normalizer.featureNames();
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * Predicted log returns for a batch of raw (unnormalised) sequences, each {@code sequenceLength}
     * rows of the model's features, oldest first. One forward pass of shape [batch, features, N].
     */
    public double[] predictLogReturns(List<double[][]> sequences) {
        if (sequences.isEmpty()) return new double[0];
        double[] result = new double[sequences.size()];
        GemmLstm f = fastAllowed ? fast() : null;
        if (f != null) {
            float[] out = f.output(timeMajorInput(sequences), sequences.size(), sequenceLength);
            for (int i = 0; i < result.length; i++) result[i] = normalizer.unscale(out[i * f.outputs()]);
            return result;
        }
        // Both arrays live off the Java heap; closed here rather than whenever a GC gets to them, so a
        // daemon's native memory does not creep between collections (it did in the soak).
        try (INDArray in = toInput(sequences); INDArray out = forward(in)) {
            for (int i = 0; i < result.length; i++) result[i] = normalizer.unscale(out.getDouble(i, 0));
            return result;
        }
    }

    /** The network's outputs for [batch, features, N] inputs: a new array the caller closes. */
    INDArray forward(INDArray in) {
        GemmLstm f = fastAllowed ? fast() : null;
        if (f != null) {
            float[] out = f.output(GemmLstm.timeMajor(in), (int) in.size(0), (int) in.size(2));
            return Nd4j.create(out, new long[]{in.size(0), f.outputs()}, 'c');
        }
        synchronized (network) {
            return network.output(in, false);
        }
    }

    /** True when inference runs through {@link GemmLstm} (allowed, and it matched DL4J's pass on the probe batch). */
    public boolean usesFastLstm() {
        return fastAllowed && fast() != null;
    }

    /** false: DL4J's own layers even where the fast path applies (bench predict times both; tests compare them). */
    public void allowFastLstm(boolean allowed) {
        fastAllowed = allowed;
    }

    private GemmLstm fast() {
        if (!fastTried) {
            synchronized (this) {
                if (!fastTried) {
                    fast = GemmLstm.of(network, normalizer.featureNames().size(), sequenceLength);
                    fastTried = true;
                }
            }
        }
        return fast;
    }

    /** Normalised sequences time-major, as {@link GemmLstm#output} takes them: feature f of sequence b at step t at (t * F + f) * B + b. */
    float[] timeMajorInput(List<double[][]> sequences) {
        return normalised(sequences, true);
    }

    /** Normalises sequences into one [batch, features, N] float array. */
    public INDArray toInput(List<double[][]> sequences) {
        return Nd4j.create(normalised(sequences, false), new long[]{sequences.size(), normalizer.featureNames().size(), sequenceLength}, 'c');
    }

    /** The normalised values, time-major (GemmLstm's layout) or batch-major ([batch, features, N], DL4J's). */
    private float[] normalised(List<double[][]> sequences, boolean timeMajor) {
        int b = sequences.size(), f = normalizer.featureNames().size(), n = sequenceLength;
        float[] flat = new float[b * f * n];
        for (int i = 0; i < b; i++) {
            double[][] seq = sequences.get(i);
            if (seq.length != n) throw new IllegalArgumentException("sequence has " + seq.length + " rows, the " + timeframe + " model needs " + n);
            for (int t = 0; t < n; t++) {
                double[] row = seq[t];
                for (int k = 0; k < f; k++) flat[timeMajor ? (t * f + k) * b + i : (i * f + k) * n + t] = normalizer.apply(k, row[k]);
            }
        }
        return flat;
    }

    /** Writes the zip (network without updater state, plus the metadata entry). */
    public void save(Path zip) {
        try {
            Files.createDirectories(zip.toAbsolutePath().getParent());
            Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
            ModelSerializer.writeModel(network, tmp.toFile(), false);
            String meta = JSON.writeValueAsString(new Meta(timeframe.label(), sequenceLength, normalizer));
            ModelSerializer.addObjectToFile(tmp.toFile(), META_ENTRY, meta);
            Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a zip written by {@link #save} and checks its feature list against {@code expectedFeatures}
     * (normally {@code FeatureEngine.featureNames()}).
     *
     * @throws PredictorException when the file is missing, unreadable or was trained on other features
     */
    public static PredictorModel load(Path zip, Timeframe timeframe, List<String> expectedFeatures) {
        if (!Files.isRegularFile(zip)) throw PredictorException.missing(zip, timeframe);
        Meta meta;
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
            Object raw = ModelSerializer.getObjectFromFile(zip.toFile(), META_ENTRY);
            meta = JSON.readValue((String) raw, Meta.class);
        } catch (Exception e) {
            throw new PredictorException(zip + ": not a readable predictor model (" + e.getMessage() + "); retrain it with "
                    + PredictorException.trainCommand(timeframe), e);
        }
        if (!timeframe.label().equals(meta.timeframe()))
            throw new PredictorException(zip + " holds the " + meta.timeframe() + " model, not " + timeframe);
        checkFeatures(zip, timeframe, meta.normalizer().featureNames(), expectedFeatures);
        return new PredictorModel(timeframe, meta.sequenceLength(), meta.normalizer(), net);
    }

    /** Fails with both lists and what differs when a model's features are not the expected ones. */
    static void checkFeatures(Path zip, Timeframe tf, List<String> model, List<String> expected) {
        if (model.equals(expected)) return;
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(model);
        List<String> extra = new ArrayList<>(model);
        extra.removeAll(expected);
        StringBuilder diff = new StringBuilder();
        if (!missing.isEmpty()) diff.append("; new features the model lacks: ").append(missing);
        if (!extra.isEmpty()) diff.append("; features the model has that the engine no longer computes: ").append(extra);
        if (missing.isEmpty() && extra.isEmpty()) {
            int i = 0;
            while (i < model.size() && model.get(i).equals(expected.get(i))) i++;
            diff.append("; same names in a different order, first difference at column ").append(i).append(" (model '")
                    .append(model.get(i)).append("', engine '").append(expected.get(i)).append("')");
        }
        throw new PredictorException(zip + ": the " + tf + " model was trained on a different feature list than the feature engine "
                + "computes now" + diff + ". Model features (" + model.size() + "): " + model + ". Engine features ("
                + expected.size() + "): " + expected + ". Retrain with " + PredictorException.trainCommand(tf));
    }
}
