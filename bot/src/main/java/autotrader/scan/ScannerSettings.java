package autotrader.scan;

import autotrader.config.ConfigException;
import autotrader.config.YamlFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scanner thresholds from the strategy file. Each component maps a raw measure onto 0..1 between
 * a floor (nothing) and a full mark (everything); the score is their weighted mean times 100.
 */
public class ScannerSettings {
    public int topN = 50;
    /** Completed sessions needed before today (RSI and the 20-day volume average need them). */
    public int minHistoryDays = 21;
    public double minPrice = 5.0;
    /** Average daily traded value over 20 sessions, in dollars: keeps illiquid names out. */
    public double minAvgDollarVolume = 5_000_000;
    public int rsiLength = 14;
    /** RSI at or below floor scores 0, rises to 1 at ideal, and fades to half at ceiling (overbought). */
    public double rsiFloor = 50, rsiIdeal = 70, rsiCeiling = 85;
    public double rvolFloor = 1.0, rvolFull = 3.0;
    public int rvolLookbackDays = 20;
    /** Early in the session a few minutes' volume is projected over at most 1/this fraction. */
    public double rvolMinSessionFraction = 0.05;
    public double changeFloorPct = 0.0, changeFullPct = 5.0;
    public int trendLookbackDays = 20;
    public double trendUpThreshold = 0.25, trendDownThreshold = -0.25;
    public Weights weights = new Weights();

    public static class Weights {
        public double rsi = 0.25, rvol = 0.30, percentChange = 0.30, trend = 0.15;

        double total() {
            return rsi + rvol + percentChange + trend;
        }
    }

    void validate(Path file) {
        List<String> problems = new ArrayList<>();
        check(problems, topN >= 1, "scanner.top_n", "must be at least 1");
        check(problems, rsiLength >= 2, "scanner.rsi_length", "must be at least 2");
        check(problems, minHistoryDays >= Math.max(rsiLength, rvolLookbackDays) - 0, "scanner.min_history_days",
                "must be at least max(rsi_length, rvol_lookback_days)");
        check(problems, rsiFloor < rsiIdeal && rsiIdeal < rsiCeiling && rsiCeiling <= 100, "scanner.rsi_floor",
                "needs rsi_floor < rsi_ideal < rsi_ceiling <= 100");
        check(problems, rvolFloor < rvolFull, "scanner.rvol_floor", "must be below rvol_full");
        check(problems, changeFloorPct < changeFullPct, "scanner.change_floor_pct", "must be below change_full_pct");
        check(problems, trendLookbackDays >= 3, "scanner.trend_lookback_days", "must be at least 3");
        check(problems, rvolMinSessionFraction > 0 && rvolMinSessionFraction <= 1, "scanner.rvol_min_session_fraction", "must be in (0, 1]");
        check(problems, weights.rsi >= 0 && weights.rvol >= 0 && weights.percentChange >= 0 && weights.trend >= 0
                && weights.total() > 0, "scanner.weights", "must be non-negative and not all zero");
        if (!problems.isEmpty()) {
            List<String> located = new ArrayList<>();
            for (String p : problems) {
                String key = p.substring(0, p.indexOf(' '));
                int line = YamlFiles.lineOf(file, key);
                located.add(file + (line > 0 ? " line " + line : "") + ": key '" + key + "':" + p.substring(key.length()));
            }
            throw new ConfigException(String.join("\n", located));
        }
    }

    private static void check(List<String> problems, boolean ok, String key, String message) {
        if (!ok) problems.add(key + " " + message);
    }
}
