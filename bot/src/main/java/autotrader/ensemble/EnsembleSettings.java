package autotrader.ensemble;

import autotrader.config.AppConfig;

/**
 * Training settings: the CV scheme, the held-out share, the seed and the base models' hyperparameters
 * (kept small: training runs on 2 shared cores). Built from config.yaml's {@code ensemble} section.
 */
public record EnsembleSettings(
        int cvFolds, int embargoBars, double holdoutFraction, long seed,
        int rfTrees, int rfMaxDepth, int rfMinNodeSize,
        int xgbRounds, int xgbMaxDepth, double xgbEta,
        int lgbmIterations, int lgbmNumLeaves, double lgbmLearningRate,
        int mlpHiddenUnits, int mlpEpochs, double mlpLearningRate,
        double svmC, double svmSigmaScale, int svmMaxRows,
        double metaLambda) {

    public static EnsembleSettings from(AppConfig.Ensemble e) {
        return new EnsembleSettings(e.cvFolds, e.embargoBars, e.holdoutFraction, e.seed,
                e.randomForest.trees, e.randomForest.maxDepth, e.randomForest.minNodeSize,
                e.xgboost.rounds, e.xgboost.maxDepth, e.xgboost.eta,
                e.lightgbm.iterations, e.lightgbm.numLeaves, e.lightgbm.learningRate,
                e.neuralNet.hiddenUnits, e.neuralNet.epochs, e.neuralNet.learningRate,
                e.svm.c, e.svm.sigmaScale, e.svm.maxRows, e.meta.lambda);
    }

    public static EnsembleSettings defaults() {
        return from(new AppConfig.Ensemble());
    }

    public EnsembleSettings withFolds(int folds, int embargo) {
        return new EnsembleSettings(folds, embargo, holdoutFraction, seed, rfTrees, rfMaxDepth, rfMinNodeSize,
                xgbRounds, xgbMaxDepth, xgbEta, lgbmIterations, lgbmNumLeaves, lgbmLearningRate,
                mlpHiddenUnits, mlpEpochs, mlpLearningRate, svmC, svmSigmaScale, svmMaxRows, metaLambda);
    }

    /** Smaller models for tests and quick runs. */
    public EnsembleSettings small() {
        return new EnsembleSettings(cvFolds, embargoBars, holdoutFraction, seed, 30, 6, rfMinNodeSize,
                30, 3, 0.2, 30, 7, 0.2, 16, 5, mlpLearningRate, svmC, svmSigmaScale, Math.min(svmMaxRows, 400), metaLambda);
    }
}
