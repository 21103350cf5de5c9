package autotrader.retrain;

import autotrader.config.AppConfig;

/** config.yaml's {@code retrain} section: the windows, the decision-time step and the not-worse tolerance. */
public record RetrainSettings(int lookbackDays, int holdoutDays, int everyMinutes, double tolerance) {

    public RetrainSettings {
        if (lookbackDays < 1 || holdoutDays < 1 || everyMinutes < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("bad retrain settings: lookback " + lookbackDays + ", holdout " + holdoutDays
                    + ", every " + everyMinutes + " min, tolerance " + tolerance);
        }
    }

    public static RetrainSettings from(AppConfig.Retrain r) {
        return new RetrainSettings(r.lookbackDays, r.holdoutDays, r.everyMinutes, r.tolerance);
    }
}
