package autotrader.backtest;

import java.util.List;

/**
 * The backtest's performance measures, as pure functions of a daily equity curve (marked to market
 * at each close) and a list of round trips. Conventions (docs/backtest.md):
 * <ul>
 * <li>daily return r_i = E_i / E_{i-1} - 1; n = number of daily returns; 252 trading days a year;</li>
 * <li>CAGR = (E_last / E_first)^(252 / n) - 1;</li>
 * <li>annualised volatility = sample standard deviation of r (n - 1) x sqrt(252);</li>
 * <li>Sharpe = mean(r - rf/252) / stdev(r) x sqrt(252);</li>
 * <li>Sortino = mean(r - rf/252) / downside deviation x sqrt(252), where the downside deviation is
 *     sqrt(mean over all n days of min(0, r - rf/252)^2);</li>
 * <li>max drawdown = max over t of 1 - E_t / max_{s<=t} E_s; its duration = trading days from that
 *     drawdown's peak to the first close back at or above the peak, or to the last day when it never
 *     recovered.</li>
 * </ul>
 */
public final class Metrics {

    public static final int DAYS_PER_YEAR = 252;

    private Metrics() {
    }

    /** Measures of one equity curve. NaN where undefined (fewer than two points, zero variance). */
    public record EquityStats(double totalReturn, double cagr, double annualVolatility, double sharpe, double sortino,
                              double maxDrawdown, int maxDrawdownDays, int days) {
    }

    public static double[] dailyReturns(double[] equity) {
        double[] r = new double[Math.max(0, equity.length - 1)];
        for (int i = 1; i < equity.length; i++) r[i - 1] = equity[i] / equity[i - 1] - 1;
        return r;
    }

    public static EquityStats equity(double[] equity, double riskFreeAnnual) {
        if (equity.length < 2) return new EquityStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, equity.length);
        double[] r = dailyReturns(equity);
        int n = r.length;
        double total = equity[n] / equity[0] - 1;
        double cagr = Math.pow(equity[n] / equity[0], (double) DAYS_PER_YEAR / n) - 1;
        double rfDaily = riskFreeAnnual / DAYS_PER_YEAR;
        double mean = 0, meanExcess = 0;
        for (double v : r) {
            mean += v;
            meanExcess += v - rfDaily;
        }
        mean /= n;
        meanExcess /= n;
        double var = 0, down = 0;
        for (double v : r) {
            var += (v - mean) * (v - mean);
            double d = Math.min(0, v - rfDaily);
            down += d * d;
        }
        double sd = n > 1 ? Math.sqrt(var / (n - 1)) : Double.NaN;
        double downside = Math.sqrt(down / n);
        double vol = sd * Math.sqrt(DAYS_PER_YEAR);
        double sharpe = sd > 0 ? meanExcess / sd * Math.sqrt(DAYS_PER_YEAR) : Double.NaN;
        double sortino = downside > 0 ? meanExcess / downside * Math.sqrt(DAYS_PER_YEAR) : Double.NaN;
        Drawdown dd = maxDrawdown(equity);
        return new EquityStats(total, cagr, vol, sharpe, sortino, dd.depth(), dd.days(), equity.length);
    }

    /** Sharpe of daily returns, as in {@link #equity}: mean(r - rf/252) / stdev(r) x sqrt(252); NaN for fewer than two returns or zero variance. */
    public static double sharpe(double[] r, double riskFreeAnnual) {
        int n = r.length;
        if (n < 2) return Double.NaN;
        double rfDaily = riskFreeAnnual / DAYS_PER_YEAR, mean = 0;
        for (double v : r) mean += v;
        mean /= n;
        double var = 0;
        for (double v : r) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / (n - 1));
        // Relative tolerance: a constant series has a rounding-level variance, not a real one.
        return sd > 1e-12 * Math.max(1e-12, Math.abs(mean)) ? (mean - rfDaily) / sd * Math.sqrt(DAYS_PER_YEAR) : Double.NaN;
    }

    public static double mean(double[] r) {
        double s = 0;
        for (double v : r) s += v;
        return r.length == 0 ? Double.NaN : s / r.length;
    }

    /** The deepest drawdown: depth as a fraction of the peak, and trading days from the peak to recovery (or to the end). */
    public record Drawdown(double depth, int peakIndex, int troughIndex, int days) {
    }

    public static Drawdown maxDrawdown(double[] equity) {
        double peak = Double.NEGATIVE_INFINITY, worst = 0;
        int peakIdx = 0, worstPeak = 0, worstTrough = 0;
        for (int i = 0; i < equity.length; i++) {
            if (equity[i] > peak) {
                peak = equity[i];
                peakIdx = i;
            }
            double d = 1 - equity[i] / peak;
            if (d > worst) {
                worst = d;
                worstPeak = peakIdx;
                worstTrough = i;
            }
        }
        if (worst == 0) return new Drawdown(0, 0, 0, 0);
        int end = equity.length - 1;
        for (int i = worstTrough; i < equity.length; i++) {
            if (equity[i] >= equity[worstPeak]) {
                end = i;
                break;
            }
        }
        return new Drawdown(worst, worstPeak, worstTrough, end - worstPeak);
    }

    /** Drawdown at each point: 1 - E_t / running peak (0 at a new high). */
    public static double[] drawdownSeries(double[] equity) {
        double[] out = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            out[i] = 1 - equity[i] / peak;
        }
        return out;
    }

    /** Trade statistics over round trips (returns net of every cost). */
    public record TradeStats(int trades, double winRate, double avgReturn, double avgWinner, double avgLoser, double profitFactor,
                             double avgHoldingDays) {
    }

    public static TradeStats trades(List<RoundTrip> trips) {
        int n = trips.size();
        if (n == 0) return new TradeStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        int wins = 0, losses = 0;
        double sum = 0, sumWin = 0, sumLoss = 0, grossProfit = 0, grossLoss = 0, hold = 0;
        for (RoundTrip t : trips) {
            sum += t.returnPct();
            hold += t.holdingDays();
            if (t.pnl() > 0) {
                wins++;
                sumWin += t.returnPct();
                grossProfit += t.pnl();
            } else {
                losses++;
                sumLoss += t.returnPct();
                grossLoss -= t.pnl();
            }
        }
        double pf = grossLoss > 0 ? grossProfit / grossLoss : (grossProfit > 0 ? Double.POSITIVE_INFINITY : Double.NaN);
        return new TradeStats(n, (double) wins / n, sum / n, wins == 0 ? Double.NaN : sumWin / wins,
                losses == 0 ? Double.NaN : sumLoss / losses, pf, hold / n);
    }

    /**
     * Exposure: the fraction of days that ended with any position, and the average gross exposure
     * (position value / equity at the close).
     */
    public record Exposure(double daysInMarket, double averageGross) {
    }

    public static Exposure exposure(double[] positionValue, double[] equity) {
        if (equity.length == 0) return new Exposure(Double.NaN, Double.NaN);
        int in = 0;
        double gross = 0;
        for (int i = 0; i < equity.length; i++) {
            if (positionValue[i] > 0) in++;
            gross += positionValue[i] / equity[i];
        }
        return new Exposure((double) in / equity.length, gross / equity.length);
    }

    /**
     * Annualised one-way turnover: traded notional (buys and sells) / 2 / average equity, per year of
     * {@code days} trading days. 1.0 = the whole book replaced once a year.
     */
    public static double turnover(double tradedNotional, double[] equity) {
        if (equity.length < 2) return Double.NaN;
        double avg = 0;
        for (double e : equity) avg += e;
        avg /= equity.length;
        double years = (equity.length - 1) / (double) DAYS_PER_YEAR;
        return tradedNotional / 2 / avg / years;
    }
}
