package autotrader.backtest;

import autotrader.market.MarketData;
import autotrader.pipeline.CandidateInputs;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.DecisionInputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The backtester's own guard against look-ahead, run on every backtest:
 * <ol>
 * <li>at sampled decision times t, the decision inputs are computed twice by fresh pipelines (no
 *     carried-over caches): once on the market the run reads, once on the same market hard-cut at t
 *     ({@link TruncatedMarket}). Any difference means some stage read a bar that ended after t; the
 *     problem names the time, the symbol and the input column;</li>
 * <li>every fill of the run must come from a bar that starts after its order was placed (the order
 *     is placed at the decision's close; the fill is the next bar's).</li>
 * </ol>
 */
public final class LookAheadCheck {

    private final MarketData market;
    private final Function<MarketData, CycleRunner> freshRunner;
    private final List<String> problems = new ArrayList<>();
    private int times, rows, fills;

    /** {@code freshRunner}: builds a pipeline (same predictors and settings as the run) over the given market. */
    public LookAheadCheck(MarketData market, Function<MarketData, CycleRunner> freshRunner) {
        this.market = market;
        this.freshRunner = freshRunner;
    }

    public record Result(int timesChecked, int rowsCompared, int fillsChecked, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** Recomputes the inputs at {@code t} on the run's market and on the market cut at t, and compares them. */
    public void checkInputs(Instant t) {
        times++;
        CycleRunner.Inputs full = freshRunner.apply(market).inputs(t, new LinkedHashMap<>());
        CycleRunner.Inputs cut = freshRunner.apply(new TruncatedMarket(market, t)).inputs(t, new LinkedHashMap<>());
        problems.addAll(compare(t, full, cut));
        rows += full.candidates().size();
    }

    static List<String> compare(Instant t, CycleRunner.Inputs full, CycleRunner.Inputs cut) {
        List<String> out = new ArrayList<>();
        Map<String, double[]> a = rows(full), b = rows(cut);
        if (!a.keySet().equals(b.keySet())) {
            out.add(String.format("look-ahead at %s: the candidates differ from those on the market cut at the decision time (run %s, cut %s)",
                    t, a.keySet(), b.keySet()));
        }
        List<String> columns = DecisionInputs.columns();
        for (var e : a.entrySet()) {
            double[] y = b.get(e.getKey());
            if (y == null) continue;
            double[] x = e.getValue();
            List<String> diffs = new ArrayList<>();
            for (int k = 0; k < x.length; k++) {
                if (Double.doubleToLongBits(x[k]) != Double.doubleToLongBits(y[k])) {
                    diffs.add(String.format("%s (run %.6g, cut %.6g)", columns.get(k), x[k], y[k]));
                }
            }
            if (!diffs.isEmpty()) {
                out.add(String.format("look-ahead at %s: %s: %d input(s) differ from the market cut at the decision time: %s%s", t, e.getKey(),
                        diffs.size(), String.join(", ", diffs.subList(0, Math.min(3, diffs.size()))), diffs.size() > 3 ? ", ..." : ""));
            }
        }
        return out;
    }

    private static Map<String, double[]> rows(CycleRunner.Inputs in) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (CandidateInputs c : in.candidates()) m.put(c.candidate().symbol(), c.row());
        return m;
    }

    /**
     * Every fill must be on a bar that starts at or after the moment its order was placed: a market
     * order placed at 09:35:00 may fill at the open of the 09:35 one-minute bar (the first trade after
     * it), never on a bar that began before the decision.
     */
    public void checkFills(List<Fill> all) {
        for (Fill f : all) {
            fills++;
            if (f.filledAt().isBefore(f.placedAt())) {
                problems.add(String.format("look-ahead in a fill: order %d (%s %s) placed at %s filled at %s, before it", f.orderId(),
                        f.side(), f.symbol(), f.placedAt(), f.filledAt()));
            }
        }
    }

    public Result result() {
        return new Result(times, rows, fills, List.copyOf(problems));
    }
}
