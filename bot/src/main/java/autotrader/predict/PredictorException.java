package autotrader.predict;

import autotrader.market.Timeframe;

import java.nio.file.Path;

/** A predictor model cannot be used: missing, unreadable, or built for other features. */
public final class PredictorException extends RuntimeException {

    public PredictorException(String message) {
        super(message);
    }

    public PredictorException(String message, Throwable cause) {
        super(message, cause);
    }

    static PredictorException missing(Path zip, Timeframe tf) {
        return new PredictorException("no " + tf + " predictor model at " + zip.toAbsolutePath().normalize()
                + "; train it with " + trainCommand(tf) + " (see docs/predictors.md)");
    }

    static String trainCommand(Timeframe tf) {
        return "`autotrader train predictors --timeframes " + tf.label() + " --source csv --dir ../shared/data`";
    }
}
