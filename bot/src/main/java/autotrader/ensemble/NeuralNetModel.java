package autotrader.ensemble;

import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.classification.MLP;
import smile.math.MathEx;
import smile.math.TimeFunction;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Random;

/**
 * Smile MLP: one ReLU hidden layer, softmax output, per-row SGD with momentum on standardised
 * inputs (NaN = training mean, i.e. 0 after standardising).
 */
final class NeuralNetModel implements BaseModel, Serializable {

    private static final long serialVersionUID = 1L;

    private final InputScaler scaler;
    private final MLP net;

    private NeuralNetModel(InputScaler scaler, MLP net) {
        this.scaler = scaler;
        this.net = net;
    }

    static NeuralNetModel fit(double[][] x, int[] y, EnsembleSettings s, long seed) {
        InputScaler scaler = InputScaler.fit(x);
        double[][] z = scaler.standardize(x);
        MathEx.setSeed(Math.floorMod(seed, Integer.MAX_VALUE)); // smile draws the initial weights from its (thread-local) generator, which wants a non-negative int seed
        MLP net = new MLP(Layer.input(z[0].length), Layer.rectifier(s.mlpHiddenUnits()),
                Layer.mle(Decision.COUNT, OutputFunction.SOFTMAX));
        net.setLearningRate(TimeFunction.constant(s.mlpLearningRate()));
        net.setMomentum(TimeFunction.constant(0.9));
        net.setWeightDecay(1e-4);
        Random random = new Random(seed);
        int[] order = new int[z.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int epoch = 0; epoch < s.mlpEpochs(); epoch++) {
            shuffle(order, random);
            // Row-by-row SGD: smile's mini-batch update spreads the rows over a parallel stream, so the order in which
            // gradients are summed (and thus the weights, in the last bits) would depend on thread scheduling.
            for (int i : order) net.update(z[i], y[i]);
        }
        return new NeuralNetModel(scaler, net);
    }

    @Override
    public String name() {
        return BaseModelKind.NEURAL_NET.modelName();
    }

    @Override
    public double[][] probabilities(double[][] rows) {
        double[][] z = scaler.standardize(rows);
        double[][] out = new double[rows.length][Decision.COUNT];
        for (int i = 0; i < rows.length; i++) net.predict(z[i], out[i]);
        return out;
    }

    @Override
    public void save(Path dir) throws IOException {
        Serialized.write(dir.resolve(name() + ".ser"), this);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
