package autotrader.app;

import autotrader.progress.ProgressBars;
import autotrader.backtest.BacktestEngine;
import autotrader.backtest.BacktestResult;
import autotrader.backtest.BaselineSettings;
import autotrader.backtest.Baselines;
import autotrader.backtest.EnsembleSource;
import autotrader.backtest.MetricsReport;
import autotrader.backtest.ModelChecks;
import autotrader.backtest.ReportWriter;
import autotrader.backtest.SkillReport;
import autotrader.backtest.WalkForwardEnsembles;
import autotrader.config.AppConfig;
import autotrader.config.LoadedConfig;
import autotrader.config.Mode;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.predict.Predictors;
import autotrader.rules.ModelSkill;
import autotrader.scan.Cadence;
import autotrader.scan.Strategy;
import autotrader.trading.TradingSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay recorded (or simulated) bars through the daemon's own loop -- scanner, pipeline, rules, paper broker with "
                + "costs and slippage -- deciding at the strategy's cadence (every 5 minutes, or at each session's close) and filling "
                + "on the finest bars after each decision; compare with "
                + "buy-and-hold SPY and the scanner alone; write report.html (interactive charts, one file that opens offline) and metrics.json (docs/backtest.md).",
                "Always on a paper broker of its own, with its own SQLite in the report folder: never the daemon's state or a real broker."})
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    StrategyOption strategyOption;

    @Option(names = "--source", paramLabel = "auto|csv|store|sim",
            description = "Market source (default: market.source; auto: the bar store when it holds bars, else the simulator).")
    String source;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder of csv bar files (default: market.csv_dir), or with --source store or auto the bar store (default: market.store_dir).")
    Path dir;

    @Option(names = "--from", paramLabel = "DATE", required = true, description = "First session replayed.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", required = true, description = "Last session replayed.")
    LocalDate to;

    @Option(names = "--cadence", paramLabel = "5m|15m|30m|1h|1d",
            description = "When the loop decides: every step from the open (5m: 09:30, 09:35 .. 15:55, as the daemon), or once at the close (1d). "
                    + "Default: the strategy's decision.cadence (1d when it has none).")
    String cadence;

    @Option(names = "--report", paramLabel = "OUT", description = "Report folder (default: <folder of state.db>/backtests/<run id>/).")
    Path report;

    @Option(names = "--models", paramLabel = "fixed|walk-forward", defaultValue = "walk-forward",
            description = {"walk-forward (default): the ensemble is retrained every --retrain-every on decisions before the period only; "
                    + "fixed: the committed ensemble throughout, and the period must lie after its training data."})
    String models;

    @Option(names = "--ensemble", paramLabel = "DIR", description = "With --models fixed: the ensemble (default: the strategy's decision.model_dir, or config.yaml's ensemble.model_dir).")
    Path ensembleDir;

    @Option(names = "--train-every", paramLabel = "MINUTES", defaultValue = "60",
            description = "Walk-forward with intraday labels: minutes between training decision times in a session (default ${DEFAULT-VALUE}).")
    int trainEvery;

    @Option(names = "--retrain-every", paramLabel = "week|month|quarter|year", defaultValue = "quarter", description = "Walk-forward period (default ${DEFAULT-VALUE}).")
    String retrainEvery;

    @Option(names = "--train-from", paramLabel = "DATE", description = "Walk-forward: first decision day of the training sets (default: predict.daily_train_start).")
    LocalDate trainFrom;

    @Option(names = "--look-ahead-samples", defaultValue = "6", description = "Decision times recomputed on a market cut at the decision time (default ${DEFAULT-VALUE}).")
    int lookAheadSamples;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads of the pipeline (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--random-draws", paramLabel = "N", defaultValue = "20",
            description = "Draws of the random-entries baseline (same entry times, sizes and exits, random symbols from the same scan; at least 20, default ${DEFAULT-VALUE}).")
    int randomDraws;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random draws and the bootstrap (default ${DEFAULT-VALUE}): the same seed gives the same report.")
    long seed;

    @Option(names = "--bootstrap-resamples", paramLabel = "N", defaultValue = "2000",
            description = "Resamples behind the confidence intervals and tests (at least 100, default ${DEFAULT-VALUE}).")
    int bootstrapResamples;

    @Option(names = "--verbose", description = "Keep the loop's own log lines (cycles, fills) on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = strategyOption.applyTo(config.load());
        AppConfig cfg = loaded.config();
        if (source != null) {
            try {
                cfg.market.source = AppConfig.Source.valueOf(source.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--source must be auto, csv, store or sim, not '" + source + "'");
            }
            if (cfg.market.source == AppConfig.Source.SCHWAB) throw new BadInputException("--source schwab: backtests replay csv, store or sim bars (`data fetch` stores Schwab's)");
        }
        if (cfg.market.source == AppConfig.Source.SCHWAB) throw new BadInputException("backtests replay csv, store or sim bars: pass --source store (after `data fetch`) or --source csv --dir DIR");
        if (dir != null && !Files.isDirectory(dir)) throw new BadInputException("--dir " + dir + " is not a folder");
        // A backtest fills on its own paper broker whatever config.yaml's mode says: live's refusal of the simulator is not for it.
        cfg.mode = Mode.PAPER;
        if (cfg.market.source == AppConfig.Source.AUTO) {
            // auto: --dir names the bar store to look in, as with --source store; a folder without one is not quietly the simulator.
            if (dir != null) cfg.market.storeDir = dir.toAbsolutePath().toString();
            if (SourceChoice.resolve(loaded).source() != AppConfig.Source.STORE && dir != null) throw SourceChoice.noStoreAt(dir);
        } else if (dir != null) {
            if (cfg.market.source == AppConfig.Source.STORE) cfg.market.storeDir = dir.toAbsolutePath().toString();
            else cfg.market.csvDir = dir.toAbsolutePath().toString();
        }
        if (to.isBefore(from)) throw new BadInputException("--to " + to + " is before --from " + from);
        if (lookAheadSamples < 0) throw new BadInputException("--look-ahead-samples must be 0 or more");
        if (randomDraws < 20) throw new BadInputException("--random-draws must be at least 20 (the 5th and 95th percentiles need them), not " + randomDraws);
        if (bootstrapResamples < 100) throw new BadInputException("--bootstrap-resamples must be at least 100, not " + bootstrapResamples);
        boolean fixed = switch (models) {
            case "fixed" -> true;
            case "walk-forward" -> false;
            default -> throw new BadInputException("--models must be fixed or walk-forward, not '" + models + "'");
        };
        if (!verbose) quietLogs();
        AppContext ctx = new AppContext(loaded);
        MarketData market = ctx.market();
        MarketCalendar cal = ctx.calendar();
        List<LocalDate> days = BacktestEngine.sessions(market, cal, from, to);
        if (days.size() < 2) throw new BadInputException("fewer than two sessions with data between " + from + " and " + to + " in " + market.name());
        Timeframe finest = BacktestEngine.finestTimeframe(market, cal, days);
        Cadence decideEvery = cadence(ctx.strategy(), finest, market);
        Set<Timeframe> used = ModelChecks.timeframesWithData(market, cal, days.get(0));
        Path predictorsDir = loaded.resolve(cfg.predict.modelsDir);
        var predictorProblem = ModelChecks.predictors(predictorsDir, used, days.get(0), cal);
        if (predictorProblem.isPresent()) throw new BadInputException(predictorProblem.get());

        Path out = report != null ? report : defaultReportDir(loaded, cfg);
        Path db = out.resolve("backtest.db");
        if (Files.exists(db)) throw new BadInputException(db + " exists: give a new --report folder (a backtest starts from an empty account)");

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            Predictors predictors = new Predictors(predictorsDir).threads(Math.max(1, threads));
            EnsembleSource source = fixed ? fixedEnsemble(loaded, cfg, finest, cal, days.get(0))
                    : walkForward(ctx, market, cal, pool, predictors, out);
            Files.createDirectories(out);      // only once the models are accepted: a refused run leaves no folder behind
            BacktestEngine engine = new BacktestEngine(cfg, market, cal, ctx.strategy(), predictors, loaded.resolve("rules"), source, pool,
                    System.err::println).baselines(new BaselineSettings(randomDraws, seed, bootstrapResamples))
                    .progressBars(ProgressBars.stderr());
            System.err.printf("backtest: %d sessions %s..%s, %d symbols, %s, strategy %s deciding every %s, fills on %s bars, report in %s%n",
                    days.size(), days.get(0), days.get(days.size() - 1), market.universe().size(), market.name(), ctx.strategy().name,
                    decideEvery, finest.label(), out);
            BacktestResult r = engine.run(new BacktestEngine.Settings(from, to, db, lookAheadSamples, threads, decideEvery));
            Path html = ReportWriter.write(r, out, market::bars);   // the most traded symbols' prices for their charts
            System.out.print(summary(r, html));
            return r.lookAhead().passed() ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    private EnsembleSource fixedEnsemble(LoadedConfig loaded, AppConfig cfg, Timeframe finest, MarketCalendar cal, LocalDate first) throws IOException {
        // The strategy's model folder (decision.model_dir), unless --ensemble or config.yaml's ensemble.model_dir says otherwise.
        Path d = ensembleDir != null ? ensembleDir : loaded.resolve(cfg.ensemble.modelDir);
        if (!Files.exists(d.resolve("manifest.json"))) throw new BadInputException("no trained ensemble in " + d + " (manifest.json missing)");
        ModelChecks.EnsembleTraining t;
        try {
            t = ModelChecks.training(d, cfg.ensemble.labels.horizonBars, cal);
        } catch (IOException e) {
            throw new BadInputException("cannot read the ensemble's card in " + d + ": " + e.getMessage());
        }
        var problem = ModelChecks.fixedEnsemble(d, t, first, finest);
        if (problem.isPresent()) throw new BadInputException(problem.get());
        System.err.printf("backtest: fixed ensemble %s (labels on %s bars, decisions up to %s, labels to %s; the period starts %s)%n", d,
                t.labelTimeframe(), t.lastDecisionDay(), t.labelsEndBy(), first);
        return EnsembleSource.fixed(EnsembleStore.load(d), "fixed: ensemble " + d.getFileName() + " (decisions to " + t.lastDecisionDay()
                + ", labels on " + t.labelTimeframe() + " bars to " + t.labelsEndBy() + "); predictors " + loaded.resolve(cfg.predict.modelsDir),
                ModelSkill.read(d, d.getFileName().toString()));
    }

    private EnsembleSource walkForward(AppContext ctx, MarketData market, MarketCalendar cal, ExecutorService pool, Predictors predictors,
                                       Path out) {
        AppConfig cfg = ctx.config();
        WalkForwardEnsembles.Every every;
        try {
            every = WalkForwardEnsembles.Every.parse(retrainEvery);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        LocalDate start = trainFrom != null ? trainFrom : cfg.predict.dailyTrainStart;
        if (!start.isBefore(from)) throw new BadInputException("--train-from " + start + " must be before --from " + from);
        // Its own pipeline (own feature and GARCH caches) for the training inputs; the trading loop has another.
        var runner = TradingSystem.cycleRunner(cfg, market, ctx.scanService(Clock.systemUTC()), predictors, null, pool);
        if (trainEvery < 1) throw new BadInputException("--train-every must be 1 minute or more");
        return new WalkForwardEnsembles(runner, market, cal, new TradeLabeler(LabelSettings.from(cfg.ensemble.labels)), start, every,
                Timeframe.parse(cfg.ensemble.labelTimeframe), Duration.ofMinutes(trainEvery), EnsembleSettings.from(cfg.ensemble),
                out.resolve("models"), System.err::println).progressBars(ProgressBars.stderr());
    }

    /** The --cadence, else the strategy's; refused when the data has no bars fine enough to decide that often. */
    private Cadence cadence(Strategy strategy, Timeframe finest, MarketData market) {
        Cadence c;
        try {
            c = cadence != null ? Cadence.parse(cadence) : strategy.cadence();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--cadence: " + e.getMessage());
        }
        if (!c.daily() && (finest == Timeframe.D1 || Duration.ofMinutes(finest.minutes()).compareTo(c.step()) > 0)) {
            throw new BadInputException("cadence " + c + (cadence != null ? "" : " (strategy " + strategy.name + ")") + " needs bars of " + c
                    + " or finer, but the finest bars of " + market.name() + " in this period are " + finest.label()
                    + ": pass --cadence 1d or a daily strategy (--strategy swing)");
        }
        return c;
    }

    static Path defaultReportDir(LoadedConfig loaded, AppConfig cfg) {
        Path stateFolder = loaded.resolve(cfg.state.db).toAbsolutePath().getParent();
        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return stateFolder.resolve("backtests").resolve(id);
    }

    /** The loop logs every cycle and fill at INFO: fine for the daemon, noise over hundreds of replayed sessions. */
    private static void quietLogs() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger("autotrader");
        if (root instanceof ch.qos.logback.classic.Logger l) l.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    static String summary(BacktestResult r, Path html) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("backtest %s..%s on %s%s%n", r.from(), r.to(), r.source(), r.simulated() ? " (SIMULATED prices)" : ""));
        sb.append(String.format("models: %s%n", r.models()));
        sb.append(String.format("%-26s %10s %10s %10s %10s %10s %8s %8s%n", "", "return", "CAGR", "Sharpe", "max DD", "trades", "win", "avg/trd"));
        for (MetricsReport.Series s : MetricsReport.all(r)) {
            sb.append(String.format("%-26s %10s %10s %10s %10s %10d %8s %8s%n", s.name(), pct(s.equity().totalReturn()), pct(s.equity().cagr()),
                    f(s.equity().sharpe()), pct(s.equity().maxDrawdown()), s.trades().trades(), pct(s.trades().winRate()), pct(s.trades().avgReturn())));
        }
        for (Baselines.Row b : Baselines.of(r)) {
            if (b.vsStrategy() == null) continue;
            sb.append(String.format("strategy vs %-40s Sharpe difference %s, p = %s: %s%n", b.name(), f(b.vsStrategy().difference().estimate()),
                    f(b.vsStrategy().pValue()), b.vsStrategy().significant() ? "beats it" : "not significantly better"));
        }
        sb.append("success measures (strategy):\n");
        for (String line : MetricsReport.measureLines(r)) sb.append("  ").append(line).append('\n');
        double floor = r.counts().confidenceFloor();
        sb.append(String.format("decisions %d (BUY %d, BUY with confidence >= %s, the rules' MIN_CONFIDENCE: %d), intents %d, fills %d, failed cycles %d%n",
                r.counts().decisions(), r.counts().buyDecisions(),
                Double.isFinite(floor) ? BigDecimal.valueOf(floor).stripTrailingZeros().toPlainString() : "(none defined)",
                r.counts().buyAtOrAboveFloor(), r.counts().intents(), r.fills().size(), r.counts().errors()));
        sb.append(SkillReport.line(r.skill())).append('\n');
        sb.append(String.format("look-ahead check: %s (%d decision times recomputed, %d fills)%n", r.lookAhead().passed() ? "passed" : "FAILED",
                r.lookAhead().timesChecked(), r.lookAhead().fillsChecked()));
        r.lookAhead().problems().stream().limit(5).forEach(p -> sb.append("  ").append(p).append('\n'));
        sb.append(String.format("replayed %d bars (%d symbols x %d sessions) in %.1f s: %.0f bars/s%n", r.barsReplayed(), r.symbols(),
                r.days().size(), r.seconds(), r.barsReplayed() / r.seconds()));
        sb.append("report: ").append(html).append('\n');
        return sb.toString();
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format("%.2f%%", v * 100) : "n/a";
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format("%.2f", v) : "n/a";
    }
}
