package autotrader.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The strategy beside its three baselines (SPY buy and hold, scanner only, random entries with the
 * same exits), each with bootstrap intervals, and whether the strategy beats each one: a paired
 * stationary bootstrap over the same days of the difference in Sharpe ratio (the test) and in mean
 * daily return (shown beside it). Everything is recomputed from the result with its seed, so
 * metrics.json and the report always agree.
 */
public final class Baselines {

    /**
     * One line of the table. {@code vsStrategy} and {@code meanDailyVsStrategy}: strategy minus this
     * baseline (null on the strategy's own line); a mean trade return that has no trades is NaN.
     */
    public record Row(String name, double sharpe, Bootstrap.Interval sharpeCi, double meanTradeReturn, Bootstrap.Interval meanTradeCi,
                      int trades, double totalReturn, double maxDrawdown, Bootstrap.Paired vsStrategy, Bootstrap.Paired meanDailyVsStrategy) {
    }

    private Baselines() {
    }

    public static List<Row> of(BacktestResult r) {
        Bootstrap boot = r.bootstrap();
        ToDoubleFunction<double[]> sharpe = x -> Metrics.sharpe(x, r.riskFreeRate());
        double[] strategy = r.strategyEquity();
        double[] strategyDaily = Metrics.dailyReturns(strategy);
        double[] randomTrades = r.randomEntries().closedTradeReturns();
        List<Row> out = new ArrayList<>();
        out.add(row(boot, "strategy", strategy, tradeReturns(r.trades()), null, sharpe));
        out.add(row(boot, "SPY buy and hold", r.spyEquity(), new double[0], strategyDaily, sharpe));
        out.add(row(boot, "scanner only (top " + r.topN() + ")", r.scannerEquity(), tradeReturns(r.scannerTrades()), strategyDaily, sharpe));
        if (r.randomEntries().draws() > 0) {
            out.add(row(boot, "random entries, same exits (" + r.randomEntries().draws() + " draws)", r.randomEntries().meanEquity(), randomTrades,
                    strategyDaily, sharpe));
        }
        return out;
    }

    private static Row row(Bootstrap boot, String name, double[] equity, double[] tradeReturns, double[] strategyDaily, ToDoubleFunction<double[]> sharpe) {
        double[] daily = Metrics.dailyReturns(equity);
        Metrics.EquityStats e = Metrics.equity(equity, 0);
        Bootstrap.Interval trade = boot.mean(tradeReturns);
        Bootstrap.Paired vs = strategyDaily == null ? null : boot.paired(strategyDaily, daily, sharpe);
        Bootstrap.Paired vsMean = strategyDaily == null ? null : boot.paired(strategyDaily, daily, Metrics::mean);
        return new Row(name, sharpe.applyAsDouble(daily), boot.daily(daily, sharpe), trade.estimate(), trade, tradeReturns.length,
                e.totalReturn(), e.maxDrawdown(), vs, vsMean);
    }

    private static double[] tradeReturns(List<RoundTrip> trips) {
        return RoundTrips.closed(trips).stream().mapToDouble(RoundTrip::returnPct).toArray();
    }
}
