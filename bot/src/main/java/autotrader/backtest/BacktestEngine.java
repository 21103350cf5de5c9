package autotrader.backtest;

import autotrader.alerts.Notifier;
import autotrader.trading.TradingLoop;
import autotrader.config.AppConfig;
import autotrader.ensemble.Decision;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.SkillRecord;
import autotrader.ensemble.SkillMeasure;
import autotrader.ensemble.StackedEnsemble;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.orders.Balances;
import autotrader.orders.OrderManager;
import autotrader.orders.Reconciler;
import autotrader.orders.Side;
import autotrader.orders.paper.PaperBroker;
import autotrader.orders.paper.PaperFillModel;
import autotrader.pipeline.CycleResult;
import autotrader.pipeline.CycleRunner;
import autotrader.predict.Predictors;
import autotrader.progress.Progress;
import autotrader.progress.ProgressBars;
import autotrader.rules.Evaluation;
import autotrader.rules.RejectedSignal;
import autotrader.rules.RuleEngine;
import autotrader.scan.Cadence;
import autotrader.scan.Candidate;
import autotrader.scan.ScanService;
import autotrader.scan.Strategy;
import autotrader.schedule.ReplayClock;
import autotrader.store.DecisionRepository;
import autotrader.store.ScanRepository;
import autotrader.store.Store;

import autotrader.trading.TradingSystem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Replays a market session by session through the daemon's own loop ({@link TradingLoop}: scan, pipeline,
 * rules, paper auto-approval, orders) on a {@link ReplayClock}, deciding at the strategy's cadence:
 * <pre>
 *   for each session d:  clock = open(d):  reconcile (equity snapshot: the base of the day's P&amp;L, as live)
 *                        for each decision time t of d (the close for 1d; open, open+5m .. close-5m for 5m):
 *                          clock = t: monitor (fills of the bars completed by now), cycle(t)
 *                        clock = close(d): monitor, mark equity
 * </pre>
 * A decision at t is placed at t, and the paper broker fills it on the first bar of the finest timeframe
 * that starts at or after t (d+1's open for daily data, the next minute on 1-minute data). Nothing reads
 * a bar that ends after the clock. The baselines run on the same days and fill model; {@link LookAheadCheck} guards it.
 */
public final class BacktestEngine {

    /** {@code cadence}: when the loop decides within a session (daily: once, at the close; 5m: at the open and every 5 minutes to the close). */
    public record Settings(LocalDate from, LocalDate to, Path stateDb, int lookAheadSamples, int threads, Cadence cadence) {
        public Settings(LocalDate from, LocalDate to, Path stateDb, int lookAheadSamples, int threads) {
            this(from, to, stateDb, lookAheadSamples, threads, Cadence.DAILY);
        }
    }

    private final AppConfig config;
    private final MarketData market;
    private final MarketCalendar calendar;
    private final Strategy strategy;
    private final Predictors predictors;
    private final Path rulesDir;
    private final EnsembleSource models;
    private final ExecutorService pool;
    private final Consumer<String> progress;
    private BaselineSettings baselines = BaselineSettings.DEFAULT;
    private Progress bars;

    public BacktestEngine(AppConfig config, MarketData market, MarketCalendar calendar, Strategy strategy, Predictors predictors,
                          Path rulesDir, EnsembleSource models, ExecutorService pool, Consumer<String> progress) {
        this.config = config;
        this.market = market;
        this.calendar = calendar;
        this.strategy = strategy;
        this.predictors = predictors;
        this.rulesDir = rulesDir;
        this.models = models;
        this.pool = pool;
        this.progress = progress;
        this.bars = progress == null ? Progress.NONE : ProgressBars.lines(progress, ProgressBars.LINE_EVERY);
    }

    /** Where the cycles done / total are shown (default: plain lines to the progress consumer); commands pass {@link ProgressBars#stderr()}. */
    public BacktestEngine progressBars(Progress bars) {
        this.bars = bars;
        return this;
    }

    /** Draws, seed and resamples of the random-entry baseline and the bootstrap (default {@link BaselineSettings#DEFAULT}). */
    public BacktestEngine baselines(BaselineSettings settings) {
        this.baselines = settings;
        return this;
    }

    /** The sessions from..to that the source has data for (a day counts when SPY or the first universe symbol has its bar). */
    public static List<LocalDate> sessions(MarketData market, MarketCalendar calendar, LocalDate from, LocalDate to) {
        String probe = market.has("SPY") ? "SPY" : market.universe().get(0);
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!calendar.isTradingDay(d)) continue;
            List<Bar> b = market.bars(probe, Timeframe.D1, calendar.closeInstant(d), 1);
            if (!b.isEmpty() && calendar.dateAt(b.get(0).start()).equals(d)) out.add(d);
        }
        return out;
    }

    /** The finest timeframe with bars in the period: the paper broker fills on it (1d for daily-only data). */
    public static Timeframe finestTimeframe(MarketData market, MarketCalendar calendar, List<LocalDate> days) {
        String probe = market.has("SPY") ? "SPY" : market.universe().get(0);
        LocalDate d = days.get(Math.min(days.size() - 1, 1));
        for (Timeframe tf : Timeframe.values()) {
            List<Bar> b = market.bars(probe, tf, calendar.closeInstant(d), 1);
            if (!b.isEmpty() && calendar.dateAt(b.get(0).start()).equals(d)) return tf;
        }
        return Timeframe.D1;
    }

    public CycleRunner runner(MarketData on, StackedEnsemble ensemble) {
        return TradingSystem.cycleRunner(config, on, new ScanService(on, strategy, calendar, Clock.systemUTC()), predictors, ensemble, pool);
    }

    private Consumer<CycleResult> cycleListener;

    /** Hears each trading cycle's result (stage timings for `bench replay`); the look-ahead recomputations are not reported. */
    public BacktestEngine onEachCycle(Consumer<CycleResult> listener) {
        this.cycleListener = listener;
        return this;
    }

    public BacktestResult run(Settings s) {
        long started = System.nanoTime();
        List<LocalDate> days = sessions(market, calendar, s.from(), s.to());
        if (days.size() < 2) throw new IllegalArgumentException("fewer than two sessions with data between " + s.from() + " and " + s.to());
        Timeframe fillTf = finestTimeframe(market, calendar, days);
        try (Store store = Store.openReplay(s.stateDb(), config.state.busyTimeoutMs)) {
            return run(s, store, started, days, fillTf);
        }
    }

    private BacktestResult run(Settings s, Store store, long started, List<LocalDate> days, Timeframe fillTf) {
        ReplayClock clock = new ReplayClock(calendar.openInstant(days.get(0)));
        PaperFillModel fillModel = new PaperFillModel(config.paper.slippageBps, config.paper.commissionPerShare, config.paper.commissionMin);
        PaperBroker broker = new PaperBroker(store.jdbi(), market, clock::instant, fillModel, BigDecimal.valueOf(config.risk.startingCash), fillTf);
        // The daemon's objects over the replay's ports; every intent is approved as it is proposed.
        TradingSystem system = TradingSystem.build(new TradingSystem.Ports(store, market, calendar, clock, broker, Notifier.NONE), config, true);   // nobody to alert: fills and stops are in the report
        OrderManager orders = system.orders();
        Reconciler reconciler = system.reconciler();
        int topN = config.risk.maxOpenPositions;
        Map<LocalDate, List<String>> picks = new LinkedHashMap<>();
        List<DailyPoint> points = new ArrayList<>();
        LookAheadCheck check = new LookAheadCheck(market, m -> runner(m, null));
        Cadence cadence = s.cadence();
        int perSession = cadence.times(calendar, days.get(0)).size();
        int totalCycles = perSession * days.size();
        Set<Integer> sampleAt = sampleIndices(totalCycles, s.lookAheadSamples());
        int cycles = 0, errors = 0, intents = 0;
        double rulesFloor;
        Map<String, Integer> rejections = new TreeMap<>();
        try (RuleEngine rules = system.rules(rulesDir, (kind, m) -> progress.accept("rules refused: " + m));
             Progress.Task bar = bars.start("backtest", totalCycles, "cycles")) {
            StackedEnsemble current = null;
            TradingLoop loop = null;
            for (int i = 0; i < days.size(); i++) {
                LocalDate day = days.get(i);
                StackedEnsemble e = models.ensembleFor(day);
                if (e != current) {
                    current = e;
                    // The model in force and its out-of-sample record: the rules' skill gate judges each period's model by its own card.
                    loop = system.loop(runner(market, e).onEachCycle(cycleListener), rules, models.describe())
                            .withModelSkill(models.skillFor(day));
                }
                clock.set(calendar.openInstant(day));
                reconciler.reconcile();
                Instant close = calendar.closeInstant(day);
                Instant lastDecision = close;
                for (Instant t : cadence.times(calendar, day)) {
                    clock.set(t);
                    loop.monitor();
                    try {
                        Evaluation ev = loop.cycle(t);
                        if (ev != null) {
                            intents += ev.intents().size();
                            for (RejectedSignal r : ev.rejections()) rejections.merge(r.rule() == null ? "?" : r.rule(), 1, Integer::sum);
                        }
                    } catch (RuntimeException ex) {
                        errors++;
                        progress.accept("cycle " + t + " failed: " + ex);
                    }
                    if (sampleAt.contains(cycles)) check.checkInputs(t);
                    cycles++;
                    lastDecision = t;
                    bar.stepTo(cycles);
                }
                if (!lastDecision.equals(close)) {
                    clock.set(close);
                    loop.monitor();
                }
                picks.put(day, topPicks(store, lastDecision, topN));
                Balances b = broker.balances();
                points.add(new DailyPoint(day, b.equity().doubleValue(), b.cash().doubleValue(), b.positionsValue().doubleValue(),
                        orders.repository().positions(orders.account()).size()));
                bar.note(String.format("session %d/%d %s, equity %,.0f, %d intents, %d errors", i + 1, days.size(), day,
                        b.equity().doubleValue(), intents, errors));
            }
            // The floor the rule files hold (filter.drl's MIN_CONFIDENCE), never restated here.
            rulesFloor = rules.parameter("MIN_CONFIDENCE").orElse(Double.NaN);
        }
        List<Fill> fills = PaperFills.read(store.jdbi());
        check.checkFills(fills);
        Instant end = calendar.closeInstant(days.get(days.size() - 1));
        List<RoundTrip> trips = RoundTrips.pair(fills, f -> confidenceAt(store, f), this::closeAt, end);

        progress.accept("backtest: baselines and calibration");
        double cash = config.risk.startingCash;
        double[][] spyCurve = new double[2][days.size()], scannerCurve = new double[2][days.size()];
        BaselinePortfolio spy = buyAndHold(days, fillModel, cash, spyCurve);
        BaselinePortfolio scanner = scannerOnly(days, picks, topN, fillModel, cash, scannerCurve);
        List<RoundTrip> scannerTrips = RoundTrips.pair(scanner.fills(), f -> Double.NaN, this::closeAt, end);
        // The model's own contribution: the same trades' timing, size and exits on symbols drawn at random from the same scans.
        RandomEntries.Result random = new RandomEntries(market, calendar, fillModel, fillTf)
                .run(RandomEntries.entries(store, fills, trips), days, cash, baselines.randomDraws(), baselines.seed(), config.backtest.riskFreeRate);

        Labelled labelled = outcomes(store);
        List<Calibration.Outcome> outcomes = labelled.outcomes();
        SkillRecord skill = SkillMeasure.measure("this backtest's decisions " + days.get(0) + ".." + days.get(days.size() - 1) + " on "
                        + market.name() + (market.simulated() ? " (SIMULATED)" : "") + ", labelled on " + config.ensemble.labelTimeframe
                        + " bars after the run", "P(BUY)", labelled.rows(), SkillMeasure.roundTripCost(LabelSettings.from(config.ensemble.labels)),
                SkillMeasure.overlapAwareLag(labelled.rows().times(), labelled.labelEnds()));
        double floor = rulesFloor;
        var decisions = decisionCounts(store, floor);
        double seconds = (System.nanoTime() - started) / 1e9;
        int symbols = market.universe().size();
        return new BacktestResult(market.name(), market.simulated(), days.get(0), days.get(days.size() - 1), models.describe(), fillTf,
                String.format("slippage %.1f bps per market/stop fill, commission max(%.4f/share, %.2f) per order", config.paper.slippageBps,
                        config.paper.commissionPerShare, config.paper.commissionMin),
                config.backtest.riskFreeRate, topN, days, points, spyCurve[0], spyCurve[1], scannerCurve[0], scannerCurve[1], trips, scannerTrips,
                fills, notional(fills), notional(scanner.fills()), notional(spy.fills()), Calibration.of(outcomes, trips), check.result(),
                new BacktestResult.Counts(cycles, errors, decisions[0], decisions[1], floor, decisions[2], intents, rejections), symbols,
                (long) symbols * days.size(), seconds, random, new Bootstrap(baselines.seed(), baselines.bootstrapResamples()), skill);
    }

    private static Set<Integer> sampleIndices(int n, int samples) {
        Set<Integer> out = new HashSet<>();
        if (samples <= 0) return out;
        for (int k = 0; k < samples; k++) out.add((int) Math.min(n - 1, Math.round((k + 0.5) * n / samples)));
        return out;
    }

    /** The top-N of the session's last scan (the scanner-only baseline's picks for the next session). */
    private static List<String> topPicks(Store store, Instant asOf, int n) {
        Optional<ScanRepository.StoredScan> last = store.scans().latest();
        if (last.isEmpty() || !last.get().asOf().equals(asOf)) return List.of();
        return store.scans().candidates(last.get().id()).stream().limit(n).map(Candidate::symbol).toList();
    }

    private double confidenceAt(Store store, Fill f) {
        return store.decisions().latestBuyConfidence(f.symbol(), f.placedAt());
    }

    private Double closeAt(String symbol, Instant t) {
        List<Bar> b = market.bars(symbol, Timeframe.D1, t, 1);
        return b.isEmpty() ? null : b.get(0).close();
    }

    private BaselinePortfolio buyAndHold(List<LocalDate> days, PaperFillModel model, double cash, double[][] curve) {
        BaselinePortfolio p = new BaselinePortfolio(market, calendar, model, cash);
        if (!market.has("SPY")) throw new IllegalStateException(market.name() + " has no SPY bars: the buy-and-hold baseline needs them");
        // Decided at the close before the first day, filled at the first day's open, like the strategy's first possible entry.
        double px = p.fillPrice("SPY", Side.BUY, days.get(0));
        if (Double.isFinite(px)) p.execute(List.of(new BaselinePortfolio.Order("SPY", Side.BUY, (long) Math.floor(cash / px))), days.get(0));
        for (int i = 0; i < days.size(); i++) mark(p, days, i, curve);
        return p;
    }

    /**
     * Scanner alone: after each close, hold the scan's top N in equal weight. A symbol that leaves the
     * top N is sold at the next open; a newcomer is bought at the next open with equity / N (at that
     * close). Held names are not re-weighted daily, which keeps turnover to what the ranking changes.
     */
    private BaselinePortfolio scannerOnly(List<LocalDate> days, Map<LocalDate, List<String>> picks, int n, PaperFillModel model, double cash,
                                          double[][] curve) {
        BaselinePortfolio p = new BaselinePortfolio(market, calendar, model, cash);
        mark(p, days, 0, curve);
        for (int i = 0; i + 1 < days.size(); i++) {
            LocalDate d = days.get(i), next = days.get(i + 1);
            List<String> want = picks.getOrDefault(d, List.of());
            if (want.isEmpty()) {          // no scan that day: keep what is held
                mark(p, days, i + 1, curve);
                continue;
            }
            List<BaselinePortfolio.Order> orders = new ArrayList<>();
            for (var e : p.held().entrySet()) if (!want.contains(e.getKey())) orders.add(new BaselinePortfolio.Order(e.getKey(), Side.SELL, e.getValue()));
            double budget = p.equity(d) / n;
            for (String s : want) {
                if (p.held().containsKey(s)) continue;
                Double px = closeAt(s, calendar.closeInstant(d));
                if (px == null || px <= 0) continue;
                long qty = (long) Math.floor(budget / (px * 1.01));   // 1 % headroom for the overnight gap and the slippage
                if (qty > 0) orders.add(new BaselinePortfolio.Order(s, Side.BUY, qty));
            }
            p.execute(orders, next);
            mark(p, days, i + 1, curve);
        }
        return p;
    }

    private static void mark(BaselinePortfolio p, List<LocalDate> days, int i, double[][] curve) {
        curve[0][i] = p.equity(days.get(i));
        curve[1][i] = p.positionsValue(days.get(i));
    }

    private static double notional(List<Fill> fills) {
        return fills.stream().mapToDouble(f -> f.quantity() * f.price()).sum();
    }

    /** Each decision's calibration outcome, and the rows the out-of-sample skill is measured on. */
    private record Labelled(List<Calibration.Outcome> outcomes, SkillMeasure.Rows rows, Instant[] labelEnds) {
    }

    /**
     * Each stored decision with whether its realised trade label (computed now, after the run) agreed
     * with it, and the long trade's net return beside the model's P(BUY) for the rank IC. The label runs
     * on the bars the model's labels were trained on (ensemble.label_timeframe, set by the strategy), so
     * a 5-minute model is judged on its 50-minute trade, not on a daily one.
     */
    private Labelled outcomes(Store store) {
        TradeLabeler labeler = new TradeLabeler(LabelSettings.from(config.ensemble.labels));
        Timeframe tf = Timeframe.parse(config.ensemble.labelTimeframe);
        int before = labeler.settings().volLookback() + 2, after = labeler.settings().horizonBars() + 1;
        // Sessions after the decision's that hold the label's bars, and bars fetched to cover them.
        int sessionsAhead = (after + 3 + tf.barsPerSession() - 1) / tf.barsPerSession() + 1;
        int count = before + (sessionsAhead + 1) * tf.barsPerSession() + 5;
        List<Calibration.Outcome> out = new ArrayList<>();
        List<DecisionRepository.StoredDecision> rows = store.decisions().all();
        int n = rows.size();
        Instant[] times = new Instant[n];
        String[] symbols = new String[n];
        double[] scores = new double[n], realised = new double[n], confidences = new double[n];
        Decision[] calls = new Decision[n];
        boolean[] won = new boolean[n];
        Instant[] labelEnds = new Instant[n];
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < n; i++) {
            DecisionRepository.StoredDecision r = rows.get(i);
            Instant t = Instant.parse(r.asOf());
            times[i] = t;
            symbols[i] = r.symbol();
            calls[i] = Decision.valueOf(r.decision());
            confidences[i] = r.confidence() == null ? Double.NaN : r.confidence();
            scores[i] = buyProbability(json, r.json());
            realised[i] = Double.NaN;
            if (r.confidence() == null) continue;
            LocalDate until = calendar.dateAt(t);
            for (int k = 0; k < sessionsAhead; k++) until = calendar.nextTradingDay(until);
            List<Bar> bars = market.bars(r.symbol(), tf, calendar.closeInstant(until), count);
            int idx = -1;
            for (int k = 0; k < bars.size(); k++) if (!bars.get(k).end().isAfter(t)) idx = k;
            Boolean hit = null;
            if (idx >= 0) {
                var label = labeler.label(bars, idx);
                if (label.isPresent()) {
                    hit = label.get().decision() == calls[i];
                    realised[i] = label.get().longTrade().netReturn();
                    won[i] = label.get().decision() == Decision.BUY;
                    labelEnds[i] = label.get().labelEnd();
                }
            }
            out.add(new Calibration.Outcome(r.confidence(), hit));
        }
        return new Labelled(out, new SkillMeasure.Rows(times, symbols, scores, realised, calls, confidences, won), labelEnds);
    }

    /** The ensemble's P(BUY) from a stored decision's JSON ("probabilities"), NaN when absent. */
    private static double buyProbability(com.fasterxml.jackson.databind.ObjectMapper json, String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode p = json.readTree(text).path("probabilities").path("BUY");
            return p.isNumber() ? p.asDouble() : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** All decisions, BUYs, and BUYs at or above the rules' confidence floor (none counted when the rules define no floor). */
    private static int[] decisionCounts(Store store, double floor) {
        DecisionRepository.Counts c = store.decisions().counts(floor);
        return new int[] {c.all(), c.buys(), c.atFloor()};
    }
}
