package autotrader.predict;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds the predictor network: stacked LSTMs, the last one's final time step into one linear output. */
public final class LstmNetworks {

    private LstmNetworks() {
    }

    public static final String GRADIENT_CLIPPING = "element-wise absolute value 1.0";

    public static MultiLayerNetwork build(int features, PredictSettings s) {
        var list = new NeuralNetConfiguration.Builder()
                .seed(s.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(s.learningRate()))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(1.0)
                .list();
        int in = features;
        for (int i = 0; i < s.lstmLayers(); i++) {
            LSTM lstm = new LSTM.Builder().nIn(in).nOut(s.lstmUnits()).activation(Activation.TANH).build();
            list.layer(i == s.lstmLayers() - 1 ? new LastTimeStep(lstm) : lstm);
            in = s.lstmUnits();
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in).nOut(1).activation(Activation.IDENTITY).build());
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(features, s.sequenceLength())).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    public static String describe(PredictSettings s) {
        return s.lstmLayers() + " x LSTM(" + s.lstmUnits() + ", tanh) -> last time step -> dense(1, identity), MSE loss";
    }
}
