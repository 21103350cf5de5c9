package autotrader.predict;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The sgemm forward pass gives DL4J's outputs, and anything it cannot run stays on DL4J's layers. */
class GemmLstmTest {

    @Test
    void matchesDl4jOnFreshNetworksOfOneTwoAndThreeLayers() {
        for (int layers = 1; layers <= 3; layers++) {
            MultiLayerNetwork net = LstmNetworks.build(11, PredictorTrainerTest.TINY.withArchitecture(layers, 9).withSequence(7));
            // random, not freshly initialised, biases: every gate block carries its own values, so a block mix-up shows
            net.setParams(Nd4j.rand(DataType.FLOAT, net.params().shape()).subi(0.5).muli(2));
            GemmLstm fast = GemmLstm.of(net, 11, 7);
            assertNotNull(fast, layers + " layer(s)");
            assertClose(net, fast, input(13, 11, 7, layers), layers + " layer(s)");
        }
    }

    @Test
    void theShortProbeSeesAChangeInAnyParameterBlock() {
        MultiLayerNetwork net = LstmNetworks.build(11, PredictorTrainerTest.TINY.withArchitecture(2, 9).withSequence(60));
        net.setParams(Nd4j.rand(DataType.FLOAT, net.params().shape()).subi(0.5).muli(2));
        GemmLstm fast = GemmLstm.of(net, 11, 60);
        assertNotNull(fast);
        assertTrue(fast.largestDifference(net, GemmLstm.PROBE_STEPS) <= GemmLstm.PROBE_TOLERANCE);
        // The weights the fast pass holds stay as they were; DL4J's network gets one value changed at a time, in every
        // block (input, recurrent and bias of each layer, the output layer): the probe must tell them apart each time.
        for (var e : net.paramTable().entrySet()) {
            INDArray p = e.getValue();
            for (long i : new long[]{0, p.length() / 2, p.length() - 1}) {
                float before = p.getFloat(i);
                p.putScalar(i, before + 0.05f);
                try {
                    double d = fast.largestDifference(net, GemmLstm.PROBE_STEPS);
                    assertTrue(d > GemmLstm.PROBE_TOLERANCE, e.getKey() + "[" + i + "] changed by 0.05: the probe saw only " + d);
                } finally {
                    p.putScalar(i, before);
                }
            }
        }
    }

    @Test
    void committedModelsServeThroughTheSgemmPathWithTheSameForecasts() {
        if (!Files.isDirectory(CommittedModelsTest.DIR)) return; // CommittedModelsTest says why
        Predictors predictors = new Predictors(CommittedModelsTest.DIR);
        List<Predictors.Input> inputs = PredictBench.inputs(predictors);
        List<Predictors.Forecast> fast = predictors.predict(inputs);
        for (var tf : autotrader.market.Timeframe.values()) {
            assertTrue(predictors.model(tf).usesFastLstm(), tf + " model does not use the sgemm path");
            predictors.model(tf).allowFastLstm(false);
        }
        predictors.forgetForecasts();
        List<Predictors.Forecast> dl4j = predictors.predict(inputs);
        for (int i = 0; i < fast.size(); i++) {
            assertEquals(dl4j.get(i).logReturn(), fast.get(i).logReturn(), 1e-7 + 1e-5 * Math.abs(dl4j.get(i).logReturn()),
                    inputs.get(i).timeframe() + " candidate " + i);
        }
    }

    @Test
    void aLoneTimeframesBatchSplitOverTwoThreadsGivesTheSameForecasts() {
        if (!Files.isDirectory(CommittedModelsTest.DIR)) return; // CommittedModelsTest says why
        Predictors oneThread = new Predictors(CommittedModelsTest.DIR);
        Predictors twoThreads = new Predictors(CommittedModelsTest.DIR).threads(2);
        // only the 1d inputs, made distinct: one timeframe, so two threads split its batch in halves
        List<Predictors.Input> daily = new java.util.ArrayList<>();
        for (Predictors.Input in : PredictBench.inputs(oneThread)) {
            if (in.timeframe() != autotrader.market.Timeframe.D1) continue;
            double[][] rows = in.features().values().clone();
            for (int t = 0; t < rows.length; t++) {
                rows[t] = rows[t].clone();
                rows[t][0] += 0.01 * daily.size();
            }
            daily.add(new Predictors.Input(in.symbol(), in.timeframe(),
                    new autotrader.features.FeatureMatrix(in.features().names(), in.features().endTimes(), rows), in.lastClose()));
        }
        List<Predictors.Forecast> whole = oneThread.predict(daily), halves = twoThreads.predict(daily);
        assertEquals(whole.size(), halves.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).symbol(), halves.get(i).symbol());
            assertEquals(whole.get(i).logReturn(), halves.get(i).logReturn(), 1e-9, "candidate " + i + ": float blocking only");
        }
        assertTrue(whole.get(0).logReturn() != whole.get(whole.size() - 1).logReturn(), "the inputs differ, so would a misplaced half");
    }

    @Test
    void aNetworkItCannotRunIsLeftToDl4j() {
        // ReLU cells are not the predictor's shape: no sgemm form, and PredictorModel keeps network.output
        var conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(5).nOut(4).activation(Activation.RELU).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(5, 6)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertNull(GemmLstm.of(net, 5, 6));
        PredictorModel model = new PredictorModel(autotrader.market.Timeframe.M5, 6, Normalizer.fit(List.of("a", "b", "c", "d", "e"),
                List.of(new double[]{1, 2, 3, 4, 5}, new double[]{2, 3, 4, 5, 7}), new double[]{0.01, -0.02}), net);
        assertFalse(model.usesFastLstm());
        INDArray in = input(3, 5, 6, 0);
        try (INDArray a = model.forward(in); INDArray b = net.output(in, false)) {
            assertEquals(b, a);
        }
    }

    private static INDArray input(int batch, int features, int steps, long seed) {
        float[] v = new float[batch * features * steps];
        Random r = new Random(seed);
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return Nd4j.create(v, new long[]{batch, features, steps}, 'c');
    }

    private static void assertClose(MultiLayerNetwork net, GemmLstm fast, INDArray in, String what) {
        try (INDArray expected = net.output(in, false)) {
            float[] actual = fast.output(GemmLstm.timeMajor(in), (int) in.size(0), (int) in.size(2));
            assertEquals(expected.length(), actual.length, what);
            for (int i = 0; i < expected.size(0); i++) {
                assertEquals(expected.getDouble(i, 0), actual[i], 1e-6, what + ", row " + i);
            }
        }
    }
}
