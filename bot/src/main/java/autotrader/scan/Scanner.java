package autotrader.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stage 1: scores every symbol's momentum 0-100 from RSI, relative volume, % change and trend, and
 * keeps the best {@code top_n}. Pure computation on inputs already in memory, so it is the same in
 * live trading, backtests and the benchmark.
 */
public final class Scanner {

    private final ScannerSettings s;

    public Scanner(ScannerSettings settings) {
        this.s = settings;
    }

    /** Candidates ranked best first (ties broken by symbol, so a rerun gives the same order). */
    public List<Candidate> rank(List<ScanInput> inputs) {
        List<Candidate> scored = new ArrayList<>(inputs.size());
        for (ScanInput in : inputs) {
            Momentum m = score(in);
            if (m != null) scored.add(new Candidate(0, m, in.lastPrice()));
        }
        scored.sort(Comparator.comparingDouble((Candidate c) -> -c.momentum().score())
                .thenComparing(c -> c.momentum().symbol()));
        int n = Math.min(s.topN, scored.size());
        List<Candidate> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) top.add(scored.get(i).withRank(i + 1));
        return top;
    }

    /** The momentum of one symbol, or null when it has too little history or fails the liquidity filters. */
    public Momentum score(ScanInput in) {
        double[] closes = in.closes();
        int n = closes.length;
        if (n < s.minHistoryDays || !(in.lastPrice() > 0)) return null;
        if (in.lastPrice() < s.minPrice || avgDollarVolume(in) < s.minAvgDollarVolume) return null;

        double rsi = Rsi.last(closes, in.lastPrice(), s.rsiLength);
        double rvol = relativeVolume(in);
        double change = (in.lastPrice() / closes[n - 1] - 1) * 100;
        double trend = trendStrength(closes, in.lastPrice());

        double score = 100 * (s.weights.rsi * rsiComponent(rsi)
                + s.weights.rvol * ramp(rvol, s.rvolFloor, s.rvolFull)
                + s.weights.percentChange * ramp(change, s.changeFloorPct, s.changeFullPct)
                + s.weights.trend * (trend + 1) / 2) / s.weights.total();
        String label = trend >= s.trendUpThreshold ? "up" : trend <= s.trendDownThreshold ? "down" : "flat";
        return new Momentum(in.symbol(), score, rsi, rvol, change, trend, label);
    }

    private double avgDollarVolume(ScanInput in) {
        int n = in.closes().length, k = Math.min(s.rvolLookbackDays, n);
        double sum = 0;
        for (int i = n - k; i < n; i++) sum += in.closes()[i] * in.volumes()[i];
        return sum / k;
    }

    /** Today's volume projected over the whole session, against the average of the last sessions. */
    double relativeVolume(ScanInput in) {
        double[] v = in.volumes();
        int n = v.length, k = Math.min(s.rvolLookbackDays, n);
        double sum = 0;
        for (int i = n - k; i < n; i++) sum += v[i];
        double avg = sum / k;
        if (!(avg > 0)) return Double.NaN;
        double projected = in.todayVolume() / Math.max(in.sessionFraction(), s.rvolMinSessionFraction);
        return projected / avg;
    }

    /**
     * -1..1: the drift of a least-squares line through the last log prices, measured against the
     * noise of daily returns over the same window (tanh of that t-like ratio), so a steady climb
     * scores near 1 and a choppy range near 0.
     */
    double trendStrength(double[] closes, double last) {
        int m = Math.min(s.trendLookbackDays, closes.length) + 1;
        double[] y = new double[m];
        for (int i = 0; i < m - 1; i++) y[i] = Math.log(closes[closes.length - (m - 1) + i]);
        y[m - 1] = Math.log(last);
        double xMean = (m - 1) / 2.0, yMean = 0;
        for (double v : y) yMean += v;
        yMean /= m;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < m; i++) {
            sxy += (i - xMean) * (y[i] - yMean);
            sxx += (i - xMean) * (i - xMean);
        }
        double drift = sxy / sxx * (m - 1);
        double sumSq = 0, mean = (y[m - 1] - y[0]) / (m - 1);
        for (int i = 1; i < m; i++) {
            double r = y[i] - y[i - 1] - mean;
            sumSq += r * r;
        }
        double noise = Math.sqrt(sumSq / Math.max(1, m - 2)) * Math.sqrt(m - 1);
        if (!(noise > 0)) return Math.signum(drift);
        return Math.tanh(drift / noise);
    }

    private double rsiComponent(double rsi) {
        if (rsi <= s.rsiFloor) return 0;
        if (rsi <= s.rsiIdeal) return (rsi - s.rsiFloor) / (s.rsiIdeal - s.rsiFloor);
        if (rsi <= s.rsiCeiling) return 1 - 0.5 * (rsi - s.rsiIdeal) / (s.rsiCeiling - s.rsiIdeal);
        return 0.5 * (100 - rsi) / (100 - s.rsiCeiling);
    }

    private static double ramp(double x, double floor, double full) {
        if (!Double.isFinite(x) || x <= floor) return 0;
        return x >= full ? 1 : (x - floor) / (full - floor);
    }
}
