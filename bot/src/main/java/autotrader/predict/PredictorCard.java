package autotrader.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
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
public record PredictorCard(String timeframe, String dataSource, boolean simulated, String trainedOn, List<String> symbols,
                        Period train, Period validation, String splitCut, int purgedSamples, long candidateSamples,
                        int maxSamples, String outOfSample, List<String> featureNames, int featureCount,
                        List<String> unusedFeatures, int sequenceLength, String normalisation, String target,
                        double targetScale, Architecture architecture, Training training, Metrics metrics,
                        boolean beatsNaiveBaseline, String verdict, List<String> caveats, String createdAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Retrain retrain) {

    /** The card as written by {@code train predictors} (no retrain section). */
    public PredictorCard(String timeframe, String dataSource, boolean simulated, String trainedOn, List<String> symbols,
                     Period train, Period validation, String splitCut, int purgedSamples, long candidateSamples,
                     int maxSamples, String outOfSample, List<String> featureNames, int featureCount,
                     List<String> unusedFeatures, int sequenceLength, String normalisation, String target,
                     double targetScale, Architecture architecture, Training training, Metrics metrics,
                     boolean beatsNaiveBaseline, String verdict, List<String> caveats, String createdAt) {
        this(timeframe, dataSource, simulated, trainedOn, symbols, train, validation, splitCut, purgedSamples, candidateSamples,
                maxSamples, outOfSample, featureNames, featureCount, unusedFeatures, sequenceLength, normalisation, target,
                targetScale, architecture, training, metrics, beatsNaiveBaseline, verdict, caveats, createdAt, null);
    }

    /** This card with a retrain's comparison (written when the weekly retrain installs the model). */
    public PredictorCard withRetrain(Retrain r) {
        return new PredictorCard(timeframe, dataSource, simulated, trainedOn, symbols, train, validation, splitCut, purgedSamples,
                candidateSamples, maxSamples, outOfSample, featureNames, featureCount, unusedFeatures, sequenceLength, normalisation,
                target, targetScale, architecture, training, metrics, beatsNaiveBaseline, verdict, caveats, createdAt, r);
    }

    /**
     * One weekly retrain of a predictor (docs/retrain.md): the live model and the candidate scored on the
     * same held-out samples (RMSE of the next-bar log return; the naive zero forecast for reference), the
     * windows and the decision. In the installed model's card, and in the retrain history beside the
     * folder; there a rejected candidate's whole card is kept in {@code rejectedCandidate}.
     *
     * @param incumbentRmse null when there was no live model that could be scored on these samples
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retrain(String timeframe, String asOf, String decidedAt, String windowFrom, int lookbackSessions,
                          Period train, Period heldOut, String heldOutCut, int purgedSamples, double tolerance,
                          Double incumbentRmse, String incumbentCreatedAt, double candidateRmse, String candidateCreatedAt,
                          double naiveRmse, boolean replaced, String reason, PredictorCard rejectedCandidate) {

        public Retrain withRejectedCandidate(PredictorCard card) {
            return new Retrain(timeframe, asOf, decidedAt, windowFrom, lookbackSessions, train, heldOut, heldOutCut, purgedSamples,
                    tolerance, incumbentRmse, incumbentCreatedAt, candidateRmse, candidateCreatedAt, naiveRmse, replaced, reason, card);
        }
    }

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

    public static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static PredictorCard read(Path file) {
        try {
            return JSON.readValue(file.toFile(), PredictorCard.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model card " + file + ": " + e.getMessage(), e);
        }
    }
}
