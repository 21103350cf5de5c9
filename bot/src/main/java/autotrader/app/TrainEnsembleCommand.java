package autotrader.app;

import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.TrainingSetBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Train the stacked decision model on cycles replayed by the live code path (docs/ensemble.md).",
                "Each decision time runs scan -> bars -> features -> predictors -> risk as live; each candidate is labelled by "
                        + "the trade it would have made. Progress goes to stderr; writes ensemble.model_dir with its model card."})
final class TrainEnsembleCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    StrategyOption strategyOption;

    @Option(names = "--from", paramLabel = "DATE", description = "First decision day (sim default: 2024-09-03).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last decision day (sim default: 2024-10-31).")
    LocalDate to;

    @Option(names = "--every", paramLabel = "MINUTES", defaultValue = "60", description = "Minutes between decision times in a session (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the model (default: ensemble.model_dir).")
    Path out;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config, strategyOption);
        MarketData market = ctx.market();
        if (from == null || to == null) {
            if (!market.simulated()) throw new BadInputException("--from and --to are required with a recorded market source");
            from = from == null ? LocalDate.of(2024, 9, 3) : from;
            to = to == null ? LocalDate.of(2024, 10, 31) : to;
        }
        if (to.isBefore(from)) throw new BadInputException("--to " + to + " is before --from " + from);
        if (every < 1) throw new BadInputException("--every must be at least 1 minute");
        Timeframe labelTf = Timeframe.parse(ctx.config().ensemble.labelTimeframe);
        Path dir = out != null ? out : ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CycleRunner runner = ctx.cycleRunner(pool, false);
            TrainingSetBuilder builder = new TrainingSetBuilder(runner, market, ctx.calendar(),
                    new TradeLabeler(LabelSettings.from(ctx.config().ensemble.labels)), labelTf);
            List<Instant> times = builder.decisionTimes(from, to, Duration.ofMinutes(every), Duration.ofMinutes(30));
            if (times.isEmpty()) throw new BadInputException("no decision times between " + from + " and " + to);
            System.err.printf("training set: %d decision times from %s to %s on %s, labels on %s bars%n", times.size(), from, to,
                    market.name(), labelTf);
            EnsembleDataset data = builder.build(times, System.err::println);
            EnsembleTrainer.Result result = EnsembleTrainer.train(data, EnsembleSettings.from(ctx.config().ensemble),
                    step -> System.err.println(step.describe()));
            ModelCard card = withNotes(result.card(), market, from, to, every, labelTf);
            EnsembleStore.save(result.ensemble(), card, dir);
            System.out.print(summary(card, dir));
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ModelCard withNotes(ModelCard c, MarketData market, LocalDate from, LocalDate to, int every, Timeframe labelTf) {
        List<String> notes = new ArrayList<>(c.notes() == null ? List.of() : c.notes());
        notes.add(0, "data: " + market.name() + (market.simulated() ? " -- SIMULATED prices, not a real market" : "")
                + "; decision times every " + every + " min from " + from + " to " + to + "; labels on " + labelTf + " bars; "
                + "inputs from the live cycle path (scanner top 50, six predictors, risk on six timeframes)");
        return c.withNotes(notes);
    }

    static String summary(ModelCard c, Path dir) {
        StringBuilder sb = new StringBuilder(String.format("ensemble written to %s%n", dir));
        sb.append(String.format("train %s .. %s (%d rows), held out %s .. %s (%d rows)%n", c.train().from(), c.train().to(), c.train().rows(),
                c.holdout().from(), c.holdout().to(), c.holdout().rows()));
        sb.append(String.format("%-14s %8s %9s %8s %9s%n", "held-out", "AUC", "log-loss", "Brier", "accuracy"));
        c.holdoutMetrics().forEach((name, m) -> sb.append(row(name, m)));
        if (c.alwaysHold() != null) sb.append(row("always HOLD", c.alwaysHold()));
        if (c.scannerRank() != null) sb.append(row("scanner rank", c.scannerRank()));
        return sb.toString();
    }

    private static String row(String name, ModelCard.Metrics m) {
        return String.format("%-14s %8s %9s %8s %9s%n", name, f(m.aucMacro()), f(m.logLoss()), f(m.brier()), f(m.accuracy()));
    }

    private static String f(Double v) {
        return v == null ? "-" : String.format("%.3f", v);
    }
}
