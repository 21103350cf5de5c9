/**
 * Replays bars through the daemon's own trading loop at the strategy's cadence on a replay clock
 * and the paper broker, beside the baselines (SPY, scanner only, random entries), with bootstrap
 * intervals, skill, the look-ahead check, walk-forward models and the report.
 */
package autotrader.backtest;
