package autotrader.pipeline;

import autotrader.ensemble.ModelTrade;
import autotrader.ensemble.EnsemblePrediction;
import autotrader.ensemble.ExpectedReturn;
import autotrader.ensemble.RiskScore;
import autotrader.ensemble.StackedEnsemble;
import autotrader.ensemble.TimeHorizon;
import autotrader.features.FeatureEngine;
import autotrader.features.FeatureMatrix;
import autotrader.market.Bar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.predict.Predictors;
import autotrader.predict.Predictors.Forecast;
import autotrader.risk.RiskAssessment;
import autotrader.risk.RiskMetrics;
import autotrader.scan.Candidate;
import autotrader.scan.ScanResult;
import autotrader.scan.ScanService;
import autotrader.progress.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import java.util.function.Consumer;
/**
 * One pipeline cycle, stages 1-5: scan -> bars -> features -> predictors + risk -> ensemble. The
 * same object serves the daemon, the cycle command, backtests and the ensemble's training set
 * ({@link #inputs} stops before the ensemble). Candidates are worked on in parallel; a candidate
 * whose data is missing or broken is reported and skipped, and the cycle still completes.
 */
public final class CycleRunner {

    private static final Logger log = LoggerFactory.getLogger(CycleRunner.class);
    static final int RISK_BARS = 100;

    private final MarketData market;
    private final ScanService scans;
    private final Predictors predictors;
    private final StackedEnsemble ensemble;
    private final RiskAssessments risk = new RiskAssessments();
    /** Two cycles' worth of candidates x timeframes: enough to carry rows over from one cycle to the next. */
    private final FeatureRows featureRows = new FeatureRows(600);
    private final ExecutorService pool;
    private final int sequenceLength;

    public CycleRunner(MarketData market, ScanService scans, Predictors predictors, StackedEnsemble ensemble, int sequenceLength,
                       ExecutorService pool) {
        this.market = market;
        this.scans = scans;
        this.predictors = predictors;
        this.ensemble = ensemble;
        this.sequenceLength = sequenceLength;
        this.pool = pool;
    }

    /** The inputs of every candidate of the scan at {@code asOf}, with stage timings added to {@code stageMs}. */
    public record Inputs(ScanResult scan, List<CandidateInputs> candidates, List<ScanResult.Skipped> skipped) {
    }

    public Inputs inputs(Instant asOf, Map<String, Double> stageMs) {
        return inputs(asOf, stageMs, Progress.Task.NONE);
    }

    /**
     * As {@link #inputs(Instant, Map)}, counting on {@code bar}: the scan, each candidate prepared, the
     * predictors, and (in {@link #run(Instant, Progress.Task)}) the ensemble.
     */
    public Inputs inputs(Instant asOf, Map<String, Double> stageMs, Progress.Task bar) {
        long t0 = System.nanoTime();
        predictors.loadInBackground(); // a first cycle loads the models while it scans
        bar.note("scan");
        ScanResult scan = scans.scan(asOf);
        long t1 = lap(stageMs, "scan", t0);
        int steps = 1;
        bar.total(scan.candidates().size() + 3L);
        bar.note("bars, features and risk of " + scan.candidates().size() + " candidates");
        bar.stepTo(steps);
        Map<Timeframe, List<Bar>> spy = new EnumMap<>(Timeframe.class), qqq = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            spy.put(tf, market.bars("SPY", tf, asOf, RISK_BARS));
            qqq.put(tf, market.bars("QQQ", tf, asOf, RISK_BARS));
        }
        List<ScanResult.Skipped> skipped = Collections.synchronizedList(new ArrayList<>());
        List<Future<Prepared>> futures = new ArrayList<>();
        for (Candidate c : scan.candidates()) futures.add(pool.submit(() -> prepare(c, asOf, spy, qqq)));
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            String symbol = scan.candidates().get(i).symbol();
            try {
                Prepared p = futures.get(i).get();
                bar.stepTo(++steps);
                if (p.problem == null) prepared.add(p);
                else skipped.add(new ScanResult.Skipped(symbol, p.problem));
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.warn("cycle {}: {} skipped: {}", asOf, symbol, cause.toString());
                skipped.add(new ScanResult.Skipped(symbol, "error: " + cause.getMessage()));
            }
        }
        long t2 = lap(stageMs, "bars+features+risk", t1);
        bar.stepTo(steps = scan.candidates().size() + 1);
        bar.note("predictors");

        List<Predictors.Input> batch = new ArrayList<>();
        for (Prepared p : prepared) {
            for (var e : p.rows.entrySet()) batch.add(new Predictors.Input(p.candidate.symbol(), e.getKey(), e.getValue(), p.lastClose.get(e.getKey())));
        }
        List<Forecast> forecasts = batch.isEmpty() ? List.of() : predictors.predict(batch);
        Map<String, Map<Timeframe, Forecast>> bySymbol = new LinkedHashMap<>();
        for (Forecast f : forecasts) bySymbol.computeIfAbsent(f.symbol(), k -> new EnumMap<>(Timeframe.class)).put(f.timeframe(), f);
        lap(stageMs, "predictors", t2);
        bar.stepTo(++steps);

        List<CandidateInputs> out = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            Map<Timeframe, Forecast> f = bySymbol.getOrDefault(p.candidate.symbol(), Map.of());
            Map<Timeframe, double[]> latest = new EnumMap<>(Timeframe.class);
            p.rows.forEach((tf, m) -> latest.put(tf, m.row(m.rows() - 1)));
            Map<Timeframe, Double> returns = new EnumMap<>(Timeframe.class);
            f.forEach((tf, fc) -> returns.put(tf, fc.logReturn()));
            Map<Timeframe, RiskMetrics> metrics = new EnumMap<>(Timeframe.class);
            p.risk.forEach((tf, a) -> metrics.put(tf, a.metrics()));
            double[] row = DecisionInputs.row(p.candidate.momentum(), latest, returns, metrics);
            out.add(new CandidateInputs(p.candidate, p.candidate.lastPrice(), row, f, p.risk, p.trade));
        }
        return new Inputs(scan, out, new ArrayList<>(skipped));
    }

    /** Risk assessments taken from memory (inputs unchanged since the last cycle), and computed, since this runner was made. */
    long reusedRiskAssessments() {
        return risk.reused();
    }

    long computedRiskAssessments() {
        return risk.computed();
    }

    /** The whole cycle, ensemble included. */
    public CycleResult run(Instant asOf) {
        return run(asOf, Progress.Task.NONE);
    }

    /** The whole cycle, its stages counted on {@code bar} (the daemon's warm-up shows them). */
    public CycleResult run(Instant asOf, Progress.Task bar) {
        if (ensemble == null) throw new IllegalStateException("no ensemble loaded: run `autotrader train ensemble` first");
        Map<String, Double> stageMs = new LinkedHashMap<>();
        Inputs in = inputs(asOf, stageMs, bar);
        bar.note("ensemble");
        long t0 = System.nanoTime();
        double[][] rows = in.candidates().stream().map(CandidateInputs::row).toArray(double[][]::new);
        List<EnsemblePrediction> predictions = rows.length == 0 ? List.of() : ensemble.predict(DecisionInputs.columns(), rows);
        List<CycleDecision> decisions = new ArrayList<>(rows.length);
        // The risk score ranks a candidate's volatility among this cycle's candidates on the same
        // timeframe: per-bar volatilities of different timeframes are not comparable.
        Map<Timeframe, double[]> vols = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            vols.put(tf, in.candidates().stream().map(c -> c.risk().get(tf)).filter(Objects::nonNull)
                    .mapToDouble(a -> a.metrics().forecastVolatility()).filter(Double::isFinite).toArray());
        }
        for (int i = 0; i < rows.length; i++) decisions.add(decide(asOf, in.candidates().get(i), predictions.get(i), vols));
        lap(stageMs, "ensemble", t0);
        bar.stepTo(in.scan().candidates().size() + 3L);
        CycleResult result = new CycleResult(asOf, in.scan(), decisions, in.skipped(), stageMs);
        Consumer<CycleResult> l = listener;
        if (l != null) l.accept(result);
        return result;
    }

    private volatile Consumer<CycleResult> listener;
    private volatile ModelTrade modelTrade;

    /**
     * Gives each decision the trade the model was trained to score (its labels' timeframe, stop,
     * target and holding limit), so the rules can place that trade; null: decisions carry none.
     */
    public CycleRunner withModelTrade(ModelTrade trade) {
        this.modelTrade = trade;
        return this;
    }

    /** Hears every whole cycle's result (benchmarks read the stage timings from it); null: nobody. */
    public CycleRunner onEachCycle(Consumer<CycleResult> listener) {
        this.listener = listener;
        return this;
    }

    private CycleDecision decide(Instant asOf, CandidateInputs c, EnsemblePrediction p, Map<Timeframe, double[]> referenceVols) {
        Map<Timeframe, Double> returns = new EnumMap<>(Timeframe.class), vols = new EnumMap<>(Timeframe.class);
        c.forecasts().forEach((tf, f) -> returns.put(tf, f.logReturn()));
        c.risk().forEach((tf, a) -> vols.put(tf, a.metrics().forecastVolatility()));
        Timeframe horizon = TimeHorizon.best(p.decision(), returns, vols).map(TimeHorizon.Choice::timeframe)
                .orElse(c.risk().containsKey(Timeframe.D1) ? Timeframe.D1 : c.risk().keySet().stream().findFirst().orElse(Timeframe.D1));
        RiskAssessment a = c.risk().get(horizon);
        RiskMetrics m = a == null ? null : a.metrics();
        double predictedPct = returns.containsKey(horizon) ? Math.expm1(returns.get(horizon)) * 100 : Double.NaN;
        int riskScore = m == null ? 10 : RiskScore.of(m, RiskScore.percentile(m.forecastVolatility(), referenceVols.get(horizon))).score();
        return new CycleDecision(c.candidate().symbol(), asOf, c.price(), p.decision(), p.confidence(),
                ExpectedReturn.percent(p, predictedPct), riskScore, horizon, c.forecasts(), m, p.agreeingModels(), p.probabilities(),
                c.candidate().momentum().score(), c.trade());
    }

    private static final class Prepared {
        Candidate candidate;
        String problem;
        final Map<Timeframe, FeatureMatrix> rows = new EnumMap<>(Timeframe.class);
        final Map<Timeframe, Double> lastClose = new EnumMap<>(Timeframe.class);
        final Map<Timeframe, RiskAssessment> risk = new EnumMap<>(Timeframe.class);
        ModelTrade.Plan trade;
    }

    /** Bars, feature rows and risk of one candidate on every timeframe it has data for. */
    private Prepared prepare(Candidate c, Instant asOf, Map<Timeframe, List<Bar>> spy, Map<Timeframe, List<Bar>> qqq) {
        Prepared p = new Prepared();
        p.candidate = c;
        for (Timeframe tf : Timeframe.values()) {
            List<Bar> bars = market.bars(c.symbol(), tf, asOf, sequenceLength + FeatureEngine.WINDOW_BARS - 1);
            if (bars.size() < 2) continue;
            for (Bar b : bars) {
                String problem = b.problem();
                if (problem != null) {
                    p.problem = "bad " + tf + " bar at " + b.start() + ": " + problem;
                    return p;
                }
            }
            p.rows.put(tf, featureRows.lastRows(c.symbol(), tf, bars, sequenceLength));
            p.lastClose.put(tf, bars.get(bars.size() - 1).close());
            ModelTrade mt = modelTrade;
            if (mt != null && mt.timeframe() == tf) p.trade = mt.at(bars).orElse(null);
            List<Bar> recent = bars.subList(Math.max(0, bars.size() - RISK_BARS), bars.size());
            p.risk.put(tf, risk.assess(c.symbol(), tf, recent, spy.get(tf), qqq.get(tf), asOf));
        }
        if (p.rows.isEmpty()) p.problem = "no bars on any timeframe";
        return p;
    }

    private static long lap(Map<String, Double> stageMs, String stage, long since) {
        long now = System.nanoTime();
        stageMs.merge(stage, (now - since) / 1e6, Double::sum);
        return now;
    }
}
