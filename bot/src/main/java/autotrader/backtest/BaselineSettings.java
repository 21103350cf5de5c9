package autotrader.backtest;

/**
 * How the model-free baselines and the intervals are drawn: random-entry draws, the seed of every
 * random choice (draws and bootstrap), bootstrap resamples. The same settings give the same report.
 */
public record BaselineSettings(int randomDraws, long seed, int bootstrapResamples) {

    public static final BaselineSettings DEFAULT = new BaselineSettings(RandomEntries.DEFAULT_DRAWS, 42, Bootstrap.DEFAULT_RESAMPLES);

    public BaselineSettings {
        // The 5th and 95th percentiles of the draws need at least 20 of them to mean anything.
        if (randomDraws < 20) throw new IllegalArgumentException("random draws must be at least 20, not " + randomDraws);
        if (bootstrapResamples < 100) throw new IllegalArgumentException("bootstrap resamples must be at least 100, not " + bootstrapResamples);
    }
}
