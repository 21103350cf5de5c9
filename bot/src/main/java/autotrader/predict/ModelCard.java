package autotrader.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a predictor was trained on and how well it did, written beside the model as {@code <tf>.json}.
 * Validation metrics are on the walk-forward validation set (the last part of time), never on
 * training data.
 */
public record ModelCard(String timeframe, String dataSource, boolean simulated, String trainedOn, List<String> symbols,
                        Period train, Period validation, String splitCut, int purgedSamples, long candidateSamples,
                        int maxSamples, String outOfSample, List<String> featureNames, int featureCount,
                        List<String> unusedFeatures, int sequenceLength, String normalisation, String target,
                        double targetScale, Architecture architecture, Training training, Metrics metrics,
                        boolean beatsNaiveBaseline, String verdict, List<String> caveats, String createdAt) {

    /** Samples of one side of the split: first bar-t end, last target-bar end, count. */
    public record Period(String from, String to, int samples) {
    }

    public record Architecture(String layers, int lstmLayers, int lstmUnits, long parameters, String optimizer,
                               double learningRate, int batchSize, long seed, String gradientClipping, String dataType) {
    }

    public record Training(double seconds, int epochsRun, int bestEpoch, int maxEpochs, int patience, boolean stoppedEarly,
                           List<Double> trainLoss, List<Double> validationLoss, String loss) {
    }

    /**
     * RMSE of predicted vs actual next-bar log return and of the naive "no change" forecast (0);
     * directional accuracy over validation samples with a non-zero return, and its baseline: always
     * predicting the training set's majority direction.
     */
    public record Metrics(int samples, double rmse, double naiveRmse, double rmseRatio, double directionalAccuracy,
                          double directionalBaseline, String baselineDirection, double upFraction, double correlation,
                          double meanPredicted, double stdPredicted) {
    }

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelCard read(Path file) {
        try {
            return JSON.readValue(file.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model card " + file + ": " + e.getMessage(), e);
        }
    }
}
