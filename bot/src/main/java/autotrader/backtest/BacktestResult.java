package autotrader.backtest;

import autotrader.ensemble.SkillRecord;
import autotrader.market.Timeframe;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything one backtest produced, before it is turned into metrics and a report. The equity
 * curves share {@code days} (one point per close). {@code randomEntries}: the random-entry draws;
 * {@code bootstrap}: the seeded resampler behind every interval and test of the report.
 */
public record BacktestResult(String source, boolean simulated, LocalDate from, LocalDate to, String models, Timeframe fillTimeframe,
                             String costs, double riskFreeRate, int topN, List<LocalDate> days, List<DailyPoint> strategy,
                             double[] spyEquity, double[] spyPositions, double[] scannerEquity, double[] scannerPositions,
                             List<RoundTrip> trades, List<RoundTrip> scannerTrades, List<Fill> fills, double tradedNotional,
                             double scannerTradedNotional, double spyTradedNotional, List<Calibration.Bucket> calibration,
                             LookAheadCheck.Result lookAhead, Counts counts, int symbols, long barsReplayed, double seconds,
                             RandomEntries.Result randomEntries, Bootstrap bootstrap,
                             SkillRecord skill) {

    /**
     * What the loop did: cycles, failed cycles, decisions by kind, intents, and signals turned down per rule.
     * {@code confidenceFloor} is the rules' MIN_CONFIDENCE() at the end of the run (NaN when they define none) and
     * {@code buyAtOrAboveFloor} the BUY decisions at or above it.
     */
    public record Counts(int cycles, int errors, int decisions, int buyDecisions, double confidenceFloor, int buyAtOrAboveFloor, int intents,
                         Map<String, Integer> rejectionsByRule) {
    }

    public double[] strategyEquity() {
        return strategy.stream().mapToDouble(DailyPoint::equity).toArray();
    }

    public double[] strategyPositions() {
        return strategy.stream().mapToDouble(DailyPoint::positionsValue).toArray();
    }
}
