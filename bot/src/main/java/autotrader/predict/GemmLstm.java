package autotrader.predict;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * The predictor's forward pass at inference: per layer and time step one OpenBLAS {@code sgemm}
 * ([x_t, h_t-1, 1] times [W; R; b]: input, recurrent product and bias in one call) and the gates in plain
 * Java loops over float arrays, which C2 turns into SIMD code ({@link GateFunctions}). DL4J's own
 * layers run a dozen small native ops per step, libnd4j's fused {@code lstmLayer} op (used until
 * session 9) its matrix products on strided slices: 46-50 ms for one [50, 98, 60] pass through 2 x
 * LSTM(128) on one core; this is 19-20 ms, of which 15-16 ms the products at about 98 GFLOP/s (docs/predictors.md).
 *
 * <p>Same weights as DL4J and float32 throughout, as there (the gates through {@link GateFunctions}):
 * outputs agree with DL4J's to about 1e-7 on the normalised scale, 2e-9 on the committed models' log
 * returns. Layout: every matrix is column-major with the batch as the fast index, so that a gate
 * block of all sequences, [gate * H * B, (gate + 1) * H * B), is one contiguous run that a loop walks
 * with a single index. Gate blocks keep DL4J's order: block input, forget, output, input gate.
 *
 * <p>{@link #of} returns null for any network that is not stacked tanh/sigmoid LSTMs, the last one's
 * final step into one dense identity output, and for one whose output does not match DL4J's on a
 * seeded probe batch: the caller then keeps {@code network.output}. Thread-safe: the weights are
 * only read, every call has its own buffers.
 */
final class GemmLstm {

    private static final Logger log = LoggerFactory.getLogger(GemmLstm.class);
    /** Largest difference from DL4J's forward pass accepted on the probe batch (outputs are normalised returns, ~0.1). */
    static final double PROBE_TOLERANCE = 1e-5;
    /**
     * Steps of the probe sequences. Every weight, bias and the recurrence (cell and hidden state carried
     * over 7 steps) take part by then, so a restacking or gate mistake shows; the full 60 steps cost DL4J's
     * pass 40-260 ms a model at start-up, on the cores the first scan needs (GemmLstmTest compares whole
     * sequences).
     */
    static final int PROBE_STEPS = 8;

    /**
     * One LSTM layer: {@code weights} = [W; R; b] column-major, inputs + units + 1 rows by 4 units
     * columns, in DL4J's gate order. The bias is the product's last row: each step's left operand
     * ends in a column of ones, so the product adds it.
     */
    private record Cell(int inputs, int units, FloatPointer weights) {
        int depth() {
            return inputs + units + 1;
        }
    }

    private final List<Cell> cells;
    private final float[] outputWeights; // [units][outputs], row-major
    private final float[] outputBias;
    private final int features;

    private GemmLstm(List<Cell> cells, float[] outputWeights, float[] outputBias) {
        this.cells = cells;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
        this.features = cells.get(0).inputs();
    }

    /** The fast form of {@code network}, or null when it does not have the predictor's shape or does not match it. */
    static GemmLstm of(MultiLayerNetwork network, int features, int sequenceLength) {
        GemmLstm fast;
        try {
            fast = fromParameters(network);
        } catch (RuntimeException | LinkageError e) { // no native memory or BLAS here: DL4J's layers still work
            log.warn("sgemm LSTM forward pass unavailable ({}); using DL4J's", e.toString());
            return null;
        }
        if (fast == null || fast.features != features) return null;
        double difference = fast.largestDifference(network, Math.min(sequenceLength, PROBE_STEPS));
        if (!(difference <= PROBE_TOLERANCE)) {
            log.warn("sgemm LSTM forward pass differs from DL4J's by {} on the probe batch; using DL4J's", difference);
            return null;
        }
        return fast;
    }

    private static GemmLstm fromParameters(MultiLayerNetwork network) {
        int count = network.getnLayers();
        Map<String, INDArray> p = network.paramTable();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            boolean last = i == count - 2;
            if (last && layer instanceof LastTimeStep wrapped) layer = wrapped.getUnderlying();
            else if (last) return null;
            if (!(layer instanceof LSTM lstm) || !(lstm.getActivationFn() instanceof ActivationTanH)
                    || !(lstm.getGateActivationFn() instanceof ActivationSigmoid)) return null;
            INDArray w = p.get(i + "_W"), rw = p.get(i + "_RW"), b = p.get(i + "_b");
            if (w == null || rw == null || b == null) return null;
            int units = (int) rw.size(0), inputs = (int) w.size(0);
            if (rw.size(1) != 4L * units || w.size(1) != 4L * units || b.length() != 4L * units) return null;
            if (!cells.isEmpty() && cells.get(cells.size() - 1).units() != inputs) return null;
            int depth = inputs + units + 1;
            cells.add(new Cell(inputs, units, new FloatPointer(stack(rowMajor(w), rowMajor(rw), rowMajor(b), inputs, units))));
        }
        if (cells.isEmpty()) return null;
        if (!(network.getLayerWiseConfigurations().getConf(count - 1).getLayer() instanceof OutputLayer output)
                || !(output.getActivationFn() instanceof ActivationIdentity)) return null;
        INDArray ow = p.get((count - 1) + "_W"), ob = p.get((count - 1) + "_b");
        int units = cells.get(cells.size() - 1).units();
        if (ow == null || ob == null || ow.size(0) != units || ob.length() != ow.size(1)) return null;
        return new GemmLstm(cells, rowMajor(ow), rowMajor(ob)); // [units][outputs] row-major, as output() reads it
    }

    /**
     * One layer's [W; R; b] as the products read it: gate unit k's column holds its input weights, then its
     * recurrent weights, then its bias. (W and R are [rows][4 x units] row-major.) A method of its own
     * because its loops run long enough for an on-stack compilation, which of the whole of
     * {@link #fromParameters} with DL4J's calls inlined cost C2 200 ms of a start-up core each time.
     */
    private static float[] stack(float[] w, float[] r, float[] b, int inputs, int units) {
        int depth = inputs + units + 1, gates = 4 * units;
        float[] stacked = new float[depth * gates];
        for (int k = 0; k < gates; k++) {
            for (int i = 0; i < inputs; i++) stacked[k * depth + i] = w[i * gates + k];
            for (int i = 0; i < units; i++) stacked[k * depth + inputs + i] = r[i * gates + k];
            stacked[k * depth + inputs + units] = b[k];
        }
        return stacked;
    }

    /**
     * A parameter's values in row-major order, copied in bulk: element by element through
     * {@code getFloat} the restacking took 10-20 ms a model at start-up.
     */
    private static float[] rowMajor(INDArray a) {
        try (INDArray copy = a.dup('c')) {
            return copy.data().asFloat();
        }
    }

    int outputs() {
        return outputBias.length;
    }

    /**
     * Outputs for {@code batch} sequences of {@code steps} steps given time-major in {@code input}:
     * the value of feature f of sequence b at step t at {@code (t * features + f) * batch + b}. Returns
     * [batch][outputs] row-major.
     */
    float[] output(float[] input, int batch, int steps) {
        if (input.length != steps * features * batch)
            throw new IllegalArgumentException("input holds " + input.length + " values, not " + steps + " x " + features + " x " + batch);
        int layers = cells.size();
        FloatPointer[] stackedIn = new FloatPointer[layers]; // per layer: [x_t (inputs x batch) | h_t-1 (units x batch) | ones (batch)]
        FloatBuffer[] stackedView = new FloatBuffer[layers];
        float[][] work = new float[layers][]; // per layer: gates, c, h (see step)
        int widest = 0;
        for (Cell cell : cells) widest = Math.max(widest, 4 * cell.units());
        FloatPointer gates = new FloatPointer((long) widest * batch);
        try {
            FloatBuffer gatesView = gates.asBuffer();
            float[] ones = new float[batch];
            Arrays.fill(ones, 1f);
            for (int l = 0; l < layers; l++) {
                Cell cell = cells.get(l);
                stackedIn[l] = new FloatPointer((long) cell.depth() * batch).zero(); // h_-1 = 0
                stackedView[l] = stackedIn[l].asBuffer();
                stackedView[l].put((cell.depth() - 1) * batch, ones);
                work[l] = new float[6 * cell.units() * batch]; // c_-1 = 0
            }
            for (int t = 0; t < steps; t++) {
                for (int l = 0; l < layers; l++) {
                    Cell cell = cells.get(l);
                    int inputBlock = cell.inputs() * batch, hb = cell.units() * batch;
                    if (l == 0) stackedView[0].put(0, input, t * inputBlock, inputBlock);
                    else stackedView[l].put(0, work[l - 1], 5 * inputBlock, inputBlock); // the layer below's h_t
                    cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, batch, 4 * cell.units(), cell.depth(), 1f,
                            stackedIn[l], batch, cell.weights(), cell.depth(), 0f, gates, batch);
                    gatesView.get(0, work[l], 0, 4 * hb);
                    step(work[l], hb);
                    if (t + 1 < steps) stackedView[l].put(inputBlock, work[l], 5 * hb, hb);
                }
            }
        } finally {
            gates.close();
            for (FloatPointer ptr : stackedIn) if (ptr != null) ptr.close();
        }
        return dense(work[layers - 1], 5 * cells.get(layers - 1).units() * batch, batch);
    }

    /**
     * One step of one layer's cells, all sequences at once, in {@code w}: six blocks of {@code hb} =
     * units x batch values, the gate pre-activations (block input, forget, output, input gate) as the
     * product left them, then the cell state c and the output h, both updated in place. Each loop
     * walks contiguous runs with one index, and every loop that calls an activation reads and writes
     * the same element: written that way C2 turns them into SIMD code, about 27 microseconds a step
     * for 128 units x 50 sequences; a loop that wrote one element while reading others through an
     * activation stayed scalar, six times slower (docs/predictors.md).
     */
    static void step(float[] w, int hb) {
        int gates = 4 * hb, c = 4 * hb, h = 5 * hb;
        for (int e = 0; e < hb; e++) w[e] = GateFunctions.tanh(w[e]);
        for (int e = hb; e < gates; e++) w[e] = GateFunctions.sigmoid(w[e]);
        for (int e = 0; e < hb; e++) w[c + e] = w[hb + e] * w[c + e] + w[3 * hb + e] * w[e];
        System.arraycopy(w, c, w, h, hb);
        for (int e = h; e < h + hb; e++) w[e] = GateFunctions.tanh(w[e]);
        for (int e = 0; e < hb; e++) w[h + e] *= w[2 * hb + e];
    }

    /** The dense identity output of the last layer's last h (units x batch, column-major, from {@code at}): [batch][outputs]. */
    private float[] dense(float[] last, int at, int batch) {
        int outputs = outputBias.length, units = cells.get(cells.size() - 1).units();
        float[] out = new float[batch * outputs];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                double sum = outputBias[o];
                for (int j = 0; j < units; j++) sum += (double) last[at + j * batch + b] * outputWeights[j * outputs + o];
                out[b * outputs + o] = (float) sum;
            }
        }
        return out;
    }

    /** [batch, features, time] (DL4J's recurrent layout) into {@link #output}'s time-major form. */
    static float[] timeMajor(INDArray input) {
        int batch = (int) input.size(0), features = (int) input.size(1), steps = (int) input.size(2);
        float[] out = new float[batch * features * steps];
        for (int b = 0; b < batch; b++)
            for (int f = 0; f < features; f++)
                for (int t = 0; t < steps; t++) out[(t * features + f) * batch + b] = input.getFloat(b, f, t);
        return out;
    }

    /** Largest absolute difference from DL4J's forward pass on a seeded batch of standard normal inputs. */
    double largestDifference(MultiLayerNetwork network, int sequenceLength) {
        int batch = 3;
        float[] values = new float[batch * features * sequenceLength];
        Random random = new Random(42);
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        try (INDArray probe = Nd4j.create(values, new long[]{batch, features, sequenceLength}, 'c')) {
            INDArray expected;
            synchronized (network) {
                expected = network.output(probe, false);
            }
            try {
                float[] actual = output(timeMajor(probe), batch, sequenceLength);
                double largest = 0;
                for (int b = 0; b < batch; b++)
                    for (int o = 0; o < outputs(); o++) largest = Math.max(largest, Math.abs(expected.getDouble(b, o) - actual[b * outputs() + o]));
                return largest;
            } finally {
                expected.close();
            }
        } catch (RuntimeException | LinkageError e) {
            log.warn("sgemm LSTM forward pass failed on the probe batch ({}); using DL4J's", e.toString());
            return Double.NaN;
        }
    }
}
