package autotrader.predict;

import autotrader.config.AppConfig;

/**
 * What a predictor is built and trained with (the {@code predict:} section of config.yaml, less the
 * paths). Validated in ConfigLoader; the constructor re-checks so tests cannot build nonsense.
 */
public record PredictSettings(int lstmLayers, int lstmUnits, int sequenceLength, int maxEpochs, int patience,
                              double learningRate, int batchSize, long seed, int maxSamples) {

    public PredictSettings {
        if (lstmLayers < 1 || lstmUnits < 1 || sequenceLength < 1 || maxEpochs < 1 || patience < 1 || batchSize < 1 || maxSamples < 2)
            throw new IllegalArgumentException("bad predictor settings: " + lstmLayers + "x" + lstmUnits + ", sequence " + sequenceLength);
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0");
    }

    public static PredictSettings from(AppConfig.Predict p) {
        return new PredictSettings(p.lstmLayers, p.lstmUnits, p.sequenceLength, p.maxEpochs, p.patience, p.learningRate,
                p.batchSize, p.seed, p.maxSamples);
    }

    public PredictSettings withMaxSamples(int n) {
        return new PredictSettings(lstmLayers, lstmUnits, sequenceLength, maxEpochs, patience, learningRate, batchSize, seed, n);
    }

    public PredictSettings withMaxEpochs(int n) {
        return new PredictSettings(lstmLayers, lstmUnits, sequenceLength, n, patience, learningRate, batchSize, seed, maxSamples);
    }

    public PredictSettings withSequence(int n) {
        return new PredictSettings(lstmLayers, lstmUnits, n, maxEpochs, patience, learningRate, batchSize, seed, maxSamples);
    }

    public PredictSettings withArchitecture(int layers, int units) {
        return new PredictSettings(layers, units, sequenceLength, maxEpochs, patience, learningRate, batchSize, seed, maxSamples);
    }
}
