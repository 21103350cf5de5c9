package autotrader.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link BacktestResult} into the metrics of the strategy and its two baselines: the content of metrics.json. */
public final class MetricsReport {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The design's success measures: name, comparison, target, value. With no closed trade none is
     * met: a flat cash account's zero drawdown says nothing about the strategy ({@code note} says so).
     */
    public record Measure(String name, String key, boolean above, double target, double value, String note) {
        public boolean pass() {
            return note == null && Double.isFinite(value) && (above ? value > target : value < target);
        }

        /** Met, and the whole 95 % interval on the target's side (its low end for "above" targets, its high end for "below"). */
        public boolean passesWithConfidence(Bootstrap.Interval ci) {
            double bound = above ? ci.low() : ci.high();
            return pass() && Double.isFinite(bound) && (above ? bound > target : bound < target);
        }

        public String rule() {
            return (above ? "> " : "< ") + (key.equals("sharpe") || key.equals("confidence") ? String.valueOf(target) : Math.round(target * 100) + " %");
        }
    }

    /** The measures of one equity curve and its trades. */
    public record Series(String name, Metrics.EquityStats equity, Metrics.TradeStats trades, Metrics.Exposure exposure, double turnover) {
    }

    private MetricsReport() {
    }

    public static Series series(String name, double[] equity, double[] positions, double notional, List<RoundTrip> trips, double rf) {
        return new Series(name, Metrics.equity(equity, rf), Metrics.trades(RoundTrips.closed(trips)), Metrics.exposure(positions, equity),
                Metrics.turnover(notional, equity));
    }

    public static List<Series> all(BacktestResult r) {
        return List.of(
                series("strategy", r.strategyEquity(), r.strategyPositions(), r.tradedNotional(), r.trades(), r.riskFreeRate()),
                series("SPY buy and hold", r.spyEquity(), r.spyPositions(), r.spyTradedNotional(), List.of(), r.riskFreeRate()),
                series("scanner only (top " + r.topN() + ")", r.scannerEquity(), r.scannerPositions(), r.scannerTradedNotional(), r.scannerTrades(),
                        r.riskFreeRate()));
    }

    /** Mean confidence of the ensemble decisions behind the strategy's closed trades (NaN without trades). */
    public static double meanEntryConfidence(List<RoundTrip> trips) {
        return RoundTrips.closed(trips).stream().mapToDouble(RoundTrip::confidence).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    public static List<Measure> successMeasures(BacktestResult r, Series strategy) {
        String note = strategy.trades().trades() == 0 ? "no closed trades" : null;
        return List.of(
                new Measure("win rate", "win_rate", true, 0.65, strategy.trades().winRate(), note),
                new Measure("Sharpe ratio", "sharpe", true, 1.5, strategy.equity().sharpe(), note),
                new Measure("max drawdown", "max_drawdown", false, 0.15, strategy.equity().maxDrawdown(), note),
                new Measure("average return per trade", "avg_return_per_trade", true, 0.02, strategy.trades().avgReturn(), note),
                new Measure("model confidence (mean, trades taken)", "confidence", true, 0.7, meanEntryConfidence(r.trades()), note));
    }

    /**
     * 95 % bootstrap intervals of the measures that have one, by measure key: Sharpe (stationary
     * blocks of daily returns), win rate and average return per trade (over closed trades). A
     * target counts as met with confidence when the whole interval is on its side.
     */
    public static Map<String, Bootstrap.Interval> measureIntervals(BacktestResult r) {
        Map<String, Bootstrap.Interval> out = new LinkedHashMap<>();
        List<RoundTrip> closed = RoundTrips.closed(r.trades());
        out.put("win_rate", r.bootstrap().mean(closed.stream().mapToDouble(t -> t.pnl() > 0 ? 1 : 0).toArray()));
        out.put("sharpe", r.bootstrap().daily(Metrics.dailyReturns(r.strategyEquity()), x -> Metrics.sharpe(x, r.riskFreeRate())));
        out.put("avg_return_per_trade", r.bootstrap().mean(closed.stream().mapToDouble(RoundTrip::returnPct).toArray()));
        return out;
    }

    /** Month -> return over the month, from the last close of the previous month (or the first close) to the month's last close. */
    public static Map<YearMonth, Double> monthly(List<LocalDate> days, double[] equity) {
        Map<YearMonth, Double> out = new LinkedHashMap<>();
        double base = equity[0];
        for (int i = 0; i < days.size(); i++) {
            boolean last = i == days.size() - 1 || !YearMonth.from(days.get(i + 1)).equals(YearMonth.from(days.get(i)));
            if (last) {
                out.put(YearMonth.from(days.get(i)), equity[i] / base - 1);
                base = equity[i];
            }
        }
        return out;
    }

    public static ObjectNode json(BacktestResult r) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode run = root.putObject("run");
        run.put("source", r.source());
        run.put("simulated", r.simulated());
        run.put("from", r.from().toString());
        run.put("to", r.to().toString());
        run.put("models", r.models());
        run.put("fill_timeframe", r.fillTimeframe().label());
        run.put("decisions", (r.counts().cycles() > r.days().size() ? "cycles inside each session at the strategy's cadence ("
                + r.counts().cycles() + " in " + r.days().size() + " sessions)" : "one cycle at each session's close")
                + "; orders fill on the first bar of the fill timeframe starting at or after the decision");
        run.put("costs", r.costs());
        run.put("risk_free_rate", r.riskFreeRate());
        run.put("sessions", r.days().size());
        run.put("symbols", r.symbols());
        run.put("bars_replayed", r.barsReplayed());
        run.put("seconds", round(r.seconds(), 1));
        run.put("bars_per_second", round(r.barsReplayed() / r.seconds(), 1));
        List<Series> all = all(r);
        ObjectNode series = root.putObject("series");
        for (Series s : all) series.set(s.name(), seriesJson(s));
        ArrayNode measures = root.putArray("success_measures");
        Map<String, Bootstrap.Interval> cis = measureIntervals(r);
        for (Measure m : successMeasures(r, all.get(0))) {
            ObjectNode o = measures.addObject();
            o.put("measure", m.name());
            o.put("target", m.rule());
            num(o, "value", m.value());
            o.put("pass", m.pass());
            if (cis.containsKey(m.key())) {
                interval(o, "ci_95", cis.get(m.key()));
                o.put("pass_with_95_confidence", m.passesWithConfidence(cis.get(m.key())));
            }
            if (m.note() != null) o.put("note", m.note());
        }
        baselinesJson(r, root, all.get(0));
        ObjectNode c = root.putObject("counts");
        c.put("cycles", r.counts().cycles());
        c.put("failed_cycles", r.counts().errors());
        c.put("decisions", r.counts().decisions());
        c.put("buy_decisions", r.counts().buyDecisions());
        if (Double.isFinite(r.counts().confidenceFloor())) c.put("confidence_floor", r.counts().confidenceFloor());
        else c.putNull("confidence_floor");
        c.put("buy_decisions_at_or_above_floor", r.counts().buyAtOrAboveFloor());
        c.put("trade_intents", r.counts().intents());
        c.put("fills", r.fills().size());
        ObjectNode rej = c.putObject("signals_rejected_by_rule");
        r.counts().rejectionsByRule().forEach(rej::put);
        ObjectNode la = root.putObject("look_ahead_check");
        la.put("passed", r.lookAhead().passed());
        la.put("decision_times_recomputed", r.lookAhead().timesChecked());
        la.put("candidate_rows_compared", r.lookAhead().rowsCompared());
        la.put("fills_checked", r.lookAhead().fillsChecked());
        ArrayNode probs = la.putArray("problems");
        r.lookAhead().problems().forEach(probs::add);
        ArrayNode cal = root.putArray("calibration");
        for (Calibration.Bucket b : r.calibration()) {
            ObjectNode o = cal.addObject();
            o.put("confidence_from", b.from());
            o.put("confidence_to", b.to());
            o.put("decisions", b.decisions());
            o.put("labelled", b.labelled());
            num(o, "realised_hit_rate", b.hitRate());
            o.put("trades", b.trades());
            num(o, "trade_win_rate", b.tradeWinRate());
        }
        SkillReport.json(root, r.skill());
        ObjectNode monthly = root.putObject("monthly_returns");
        monthly(r.days(), r.strategyEquity()).forEach((m, v) -> num(monthly, m.toString(), v));
        ObjectNode curve = root.putObject("equity_curve");
        ArrayNode d = curve.putArray("days"), s = curve.putArray("strategy"), spy = curve.putArray("spy"), sc = curve.putArray("scanner_only");
        ArrayNode rnd = curve.putArray("random_entries_mean");
        for (int i = 0; i < r.days().size(); i++) {
            d.add(r.days().get(i).toString());
            s.add(round(r.strategy().get(i).equity(), 2));
            spy.add(round(r.spyEquity()[i], 2));
            sc.add(round(r.scannerEquity()[i], 2));
            rnd.add(round(r.randomEntries().meanEquity()[i], 2));
        }
        return root;
    }

    /** The baselines table with its intervals and tests, the random draws' distribution, and the trade breakdowns. */
    private static void baselinesJson(BacktestResult r, ObjectNode root, Series strategy) {
        ObjectNode boot = root.putObject("bootstrap");
        boot.put("seed", r.bootstrap().seed());
        boot.put("resamples", r.bootstrap().resamples());
        boot.put("daily_returns", "stationary bootstrap, mean block length " + Bootstrap.blockLength(Math.max(1, r.days().size() - 1)) + " sessions");
        boot.put("trade_returns", "plain bootstrap over closed trades");
        boot.put("interval", "95 % percentile interval");
        boot.put("test", "paired stationary bootstrap of strategy minus baseline over the same days; p = share of resamples with a "
                + "difference at or below 0 (one-sided); beats = p < 0.05");
        ArrayNode rows = root.putArray("baselines");
        for (Baselines.Row b : Baselines.of(r)) {
            ObjectNode o = rows.addObject();
            o.put("name", b.name());
            num(o, "sharpe", b.sharpe());
            interval(o, "sharpe_ci_95", b.sharpeCi());
            o.put("closed_trades", b.trades());
            num(o, "mean_trade_return", b.meanTradeReturn());
            interval(o, "mean_trade_return_ci_95", b.meanTradeCi());
            num(o, "total_return", b.totalReturn());
            num(o, "max_drawdown", b.maxDrawdown());
            if (b.vsStrategy() != null) {
                ObjectNode v = o.putObject("strategy_minus_baseline");
                num(v, "sharpe_difference", b.vsStrategy().difference().estimate());
                interval(v, "sharpe_difference_ci_95", b.vsStrategy().difference());
                num(v, "p_value_one_sided", b.vsStrategy().pValue());
                v.put("strategy_beats_significantly", b.vsStrategy().significant());
                num(v, "mean_daily_return_difference", b.meanDailyVsStrategy().difference().estimate());
                interval(v, "mean_daily_return_difference_ci_95", b.meanDailyVsStrategy().difference());
                num(v, "mean_daily_return_p_value_one_sided", b.meanDailyVsStrategy().pValue());
            }
        }
        RandomEntries.Result re = r.randomEntries();
        ObjectNode ro = root.putObject("random_entries");
        ro.put("draws", re.draws());
        ro.put("seed", re.seed());
        ro.put("strategy_round_trips", r.trades().size());
        ro.put("strategy_trades_redrawn", re.entries());
        ro.put("exit_same_bracket_rescaled_by_volatility", re.bracketExits());
        ro.put("exit_matched_holding_period", re.matchedExits());
        ro.put("trades_skipped_no_price", re.drawList().stream().mapToInt(RandomEntries.Draw::skipped).sum());
        summaryJson(ro.putObject("sharpe"), re.sharpe(strategy.equity().sharpe()));
        summaryJson(ro.putObject("mean_trade_return"), re.meanTradeReturn(strategy.trades().avgReturn()));
        ObjectNode bd = root.putObject("breakdowns");
        Breakdowns.all(r.trades()).forEach((key, list) -> {
            ArrayNode a = bd.putArray(key);
            for (Breakdowns.Row x : list) {
                ObjectNode o = a.addObject();
                o.put("group", x.key());
                o.put("trades", x.trades());
                num(o, "win_rate", x.winRate());
                num(o, "mean_return", x.meanReturn());
                num(o, "total_pnl", x.pnl());
            }
        });
    }

    private static void summaryJson(ObjectNode o, RandomEntries.Summary s) {
        o.put("draws_with_a_value", s.draws());
        num(o, "mean", s.mean());
        num(o, "p5", s.p5());
        num(o, "p50", s.p50());
        num(o, "p95", s.p95());
        num(o, "strategy", s.strategy());
        num(o, "strategy_percentile", s.strategyPercentile());
        num(o, "rank_p_value", s.rankPValue());
    }

    private static void interval(ObjectNode o, String key, Bootstrap.Interval i) {
        if (i == null || !Double.isFinite(i.low())) {
            o.putNull(key);
            return;
        }
        ArrayNode a = o.putArray(key);
        a.add(round(i.low(), 6));
        a.add(round(i.high(), 6));
    }

    private static ObjectNode seriesJson(Series s) {
        ObjectNode o = JSON.createObjectNode();
        Metrics.EquityStats e = s.equity();
        num(o, "total_return", e.totalReturn());
        num(o, "cagr", e.cagr());
        num(o, "annual_volatility", e.annualVolatility());
        num(o, "sharpe", e.sharpe());
        num(o, "sortino", e.sortino());
        num(o, "max_drawdown", e.maxDrawdown());
        o.put("max_drawdown_days", e.maxDrawdownDays());
        num(o, "exposure_days", s.exposure().daysInMarket());
        num(o, "exposure_average_gross", s.exposure().averageGross());
        num(o, "turnover_per_year", s.turnover());
        Metrics.TradeStats t = s.trades();
        o.put("trades", t.trades());
        num(o, "win_rate", t.winRate());
        num(o, "avg_return_per_trade", t.avgReturn());
        num(o, "avg_return_winners", t.avgWinner());
        num(o, "avg_return_losers", t.avgLoser());
        num(o, "profit_factor", t.profitFactor());
        num(o, "avg_holding_days", t.avgHoldingDays());
        return o;
    }

    /** JSON has no NaN or infinity: those are written as null. */
    static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, round(v, 6));
        else o.putNull(key);
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    public static List<String> measureLines(BacktestResult r) {
        List<String> out = new ArrayList<>();
        for (Measure m : successMeasures(r, all(r).get(0))) {
            out.add(String.format("%-40s %-8s %10s  %s%s", m.name(), m.rule(), Double.isFinite(m.value()) ? String.format("%.4f", m.value()) : "n/a",
                    m.pass() ? "PASS" : "FAIL", m.note() == null ? "" : " (" + m.note() + ")"));
        }
        return out;
    }
}
