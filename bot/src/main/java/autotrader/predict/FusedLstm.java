package autotrader.predict;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The predictor's forward pass at inference through libnd4j's fused {@code lstmLayer} op (one native
 * call per layer for all time steps) instead of DL4J's layer, which runs a dozen small ops per time
 * step: 46-50 ms against 57-85 ms for one [50, 98, 60] pass through 2 x LSTM(128) on one core
 * (docs/predictors.md). Same weights, same arithmetic in float32; DL4J keeps the gate blocks in the
 * order (block input, forget, output, input gate), the op wants (input, forget, block input, output),
 * so the columns are rearranged once when the model is loaded.
 *
 * <p>{@link #of} returns null for any network that is not stacked tanh/sigmoid LSTMs, the last one's
 * final step into one dense identity output, and for one whose fused output does not match DL4J's
 * own on a seeded probe batch: the caller then keeps {@code network.output}. Thread-safe (the
 * weights are only read).
 */
final class FusedLstm {

    private static final Logger log = LoggerFactory.getLogger(FusedLstm.class);
    /** The op's integer arguments: data format NST = [batch, features, time] (DL4J's NCW), forward only, sigmoid gates, tanh cell and output. */
    private static final int FORMAT_NST = 2, FORWARD = 0, SIGMOID = 2, TANH = 0;
    /** For op gate block k, the DL4J block it takes (DL4J: 0 block input, 1 forget, 2 output, 3 input gate). */
    private static final int[] FROM_DL4J_BLOCK = {3, 1, 0, 2};
    /** Largest difference from DL4J's forward pass accepted on the probe batch (outputs are normalised returns, ~0.1). */
    static final double PROBE_TOLERANCE = 1e-5;

    private record Weights(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {
    }

    private final List<Weights> layers;
    private final INDArray outputWeights;
    private final INDArray outputBias;

    private FusedLstm(List<Weights> layers, INDArray outputWeights, INDArray outputBias) {
        this.layers = layers;
        this.outputWeights = outputWeights;
        this.outputBias = outputBias;
    }

    /** The fused form of {@code network}, or null when it does not have the predictor's shape or does not match it. */
    static FusedLstm of(MultiLayerNetwork network, int features, int sequenceLength) {
        FusedLstm fused = fromParameters(network);
        if (fused == null) return null;
        double difference = fused.largestDifference(network, features, sequenceLength);
        if (!(difference <= PROBE_TOLERANCE)) {
            log.warn("fused LSTM forward pass differs from DL4J's by {} on the probe batch; using DL4J's", difference);
            return null;
        }
        return fused;
    }

    private static FusedLstm fromParameters(MultiLayerNetwork network) {
        int count = network.getnLayers();
        Map<String, INDArray> p = network.paramTable();
        List<Weights> layers = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) {
            Layer layer = network.getLayerWiseConfigurations().getConf(i).getLayer();
            boolean last = i == count - 2;
            if (last && layer instanceof LastTimeStep wrapped) layer = wrapped.getUnderlying();
            else if (last) return null;
            if (!(layer instanceof LSTM lstm) || !(lstm.getActivationFn() instanceof ActivationTanH)
                    || !(lstm.getGateActivationFn() instanceof ActivationSigmoid)) return null;
            INDArray w = p.get(i + "_W"), rw = p.get(i + "_RW"), b = p.get(i + "_b");
            if (w == null || rw == null || b == null) return null;
            int units = (int) rw.size(0);
            if (rw.size(1) != 4L * units || w.size(1) != 4L * units || b.length() != 4L * units) return null;
            layers.add(new Weights(reorderGates(w, units), reorderGates(rw, units), reorderGates(b.reshape(1, 4L * units), units).reshape(4L * units)));
        }
        if (layers.isEmpty()) return null;
        if (!(network.getLayerWiseConfigurations().getConf(count - 1).getLayer() instanceof OutputLayer output)
                || !(output.getActivationFn() instanceof ActivationIdentity)) return null;
        INDArray ow = p.get((count - 1) + "_W"), ob = p.get((count - 1) + "_b");
        if (ow == null || ob == null) return null;
        return new FusedLstm(layers, ow.castTo(DataType.FLOAT).dup('c'), ob.castTo(DataType.FLOAT).reshape(1, ob.length()).dup('c'));
    }

    /** Columns rearranged from DL4J's gate block order to the op's, as a new c-order float array. */
    private static INDArray reorderGates(INDArray w, int units) {
        INDArray out = Nd4j.create(DataType.FLOAT, w.shape(), 'c');
        for (int k = 0; k < 4; k++) {
            int from = FROM_DL4J_BLOCK[k];
            out.get(NDArrayIndex.all(), NDArrayIndex.interval((long) k * units, (long) (k + 1) * units))
                    .assign(w.get(NDArrayIndex.all(), NDArrayIndex.interval((long) from * units, (long) (from + 1) * units)));
        }
        return out;
    }

    /** The network's outputs for {@code input} [batch, features, time]: a new [batch, outputs] array the caller closes. */
    INDArray output(INDArray input) {
        INDArray x = input;
        try {
            for (int i = 0; i < layers.size(); i++) {
                Weights l = layers.get(i);
                boolean last = i == layers.size() - 1;
                // bool args: has bias, sequence lengths, initial h, initial c, peepholes; return all h, last h, last c
                DynamicCustomOp op = DynamicCustomOp.builder("lstmLayer")
                        .addInputs(x, l.inputWeights(), l.recurrentWeights(), l.bias())
                        .addIntegerArguments(FORMAT_NST, FORWARD, SIGMOID, TANH, TANH)
                        .addBooleanArguments(true, false, false, false, false, !last, last, false)
                        .addFloatingPointArguments(0.0) // no cell clipping
                        .build();
                INDArray[] outs = Nd4j.exec(op);
                if (x != input) x.close();
                x = outs[0]; // [batch, units, time] for all steps, [batch, units] for the last layer's last step
            }
            return x.mmul(outputWeights).addiRowVector(outputBias);
        } finally {
            if (x != input) x.close();
        }
    }

    /** Largest absolute difference from DL4J's forward pass on a seeded batch of standard normal inputs. */
    private double largestDifference(MultiLayerNetwork network, int features, int sequenceLength) {
        int batch = 7;
        float[] values = new float[batch * features * sequenceLength];
        Random random = new Random(42);
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        try (INDArray probe = Nd4j.create(values, new long[]{batch, features, sequenceLength}, 'c')) {
            INDArray expected;
            synchronized (network) {
                expected = network.output(probe, false);
            }
            try (INDArray actual = output(probe)) {
                return Transforms.abs(expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)), false).maxNumber().doubleValue();
            } finally {
                expected.close();
            }
        } catch (RuntimeException e) {
            log.warn("fused LSTM forward pass failed on the probe batch ({}); using DL4J's", e.toString());
            return Double.NaN;
        }
    }
}
