package autotrader.app;

import autotrader.ensemble.Decision;
import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.TrainingBar;
import autotrader.progress.ProgressBars;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.LabelSettings;
import autotrader.ensemble.HeldOutSkill;
import autotrader.ensemble.ModelCard;
import autotrader.ensemble.SkillRecord;
import autotrader.ensemble.SkillMeasure;
import autotrader.ensemble.StackedEnsemble;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.TrainingSetBuilder;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import java.util.stream.IntStream;
@Command(name = "ensemble", mixinStandardHelpOptions = true,
        description = {"Train the stacked decision model on cycles replayed by the live code path (docs/ensemble.md).",
                "Each decision time runs scan -> bars -> features -> predictors -> risk as live; each candidate is labelled by "
                        + "the trade it would have made. Progress goes to stderr; writes ensemble.model_dir with its model card.",
                "With --skill-only: rebuilds those rows for --from..--to, predicts them with the saved model in --model and writes "
                        + "only the card's out-of-sample skill record (the period must come after the model's training rows)."})
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

    @Option(names = "--skill-only", description = "Do not train: measure the saved model in --model on --from..--to and write its card's skill record.")
    boolean skillOnly;

    @Option(names = "--model", paramLabel = "DIR", description = "With --skill-only: the model folder to measure (default: ensemble.model_dir); "
            + "--from/--to default to its card's held-out period.")
    Path model;

    @Option(names = "--rows-csv", paramLabel = "FILE", description = "With --skill-only: also write each measured row (time, symbol, "
            + "probabilities, decision, confidence, realised net return, sigma, trade label, momentum score) to FILE, for research.")
    Path rowsCsv;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config, strategyOption);
        MarketData market = ctx.market();
        if (model != null && !skillOnly) throw new BadInputException("--model is only for --skill-only (a training run writes --out)");
        if (rowsCsv != null && !skillOnly) throw new BadInputException("--rows-csv is only for --skill-only");
        if (skillOnly) return measureSkill(ctx, market);
        if (from == null || to == null) {
            if (!market.simulated()) throw new BadInputException("--from and --to are required with a recorded market source");
            from = from == null ? LocalDate.of(2024, 9, 3) : from;
            to = to == null ? LocalDate.of(2024, 10, 31) : to;
        }
        checkWindow();
        Timeframe labelTf = Timeframe.parse(ctx.config().ensemble.labelTimeframe);
        Path dir = out != null ? out : ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        LabelSettings labels = LabelSettings.from(ctx.config().ensemble.labels);
        EnsembleDataset data = dataset(ctx, market, labels, labelTf, "training set");
        EnsembleTrainer.Result result;
        try (TrainingBar bar = new TrainingBar(ProgressBars.stderr(), "train ensemble")) {
            result = EnsembleTrainer.train(data, EnsembleSettings.from(ctx.config().ensemble), labels, bar);
        }
        ModelCard card = withNotes(result.card(), market, from, to, every, labelTf);
        if (card.skill() != null) card = card.withSkill(HeldOutSkill.withSourceSuffix(card.skill(), " on " + market.name()));
        EnsembleStore.save(result.ensemble(), card, dir);
        System.out.print(summary(card, dir));
        return 0;
    }

    /**
     * --skill-only: the rows for --from..--to built exactly as a training run builds them (same cycle path,
     * labels and decision times), predicted by the saved model; only the card's skill record is rewritten.
     */
    private Integer measureSkill(AppContext ctx, MarketData market) throws Exception {
        if (out != null) throw new BadInputException("--out is not used with --skill-only (the skill is written into --model's card)");
        Path dir = model != null ? model : ctx.loaded().resolve(ctx.config().ensemble.modelDir);
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            throw new BadInputException("--model: " + dir.toAbsolutePath().normalize() + " is not a saved ensemble (no manifest.json)");
        }
        ModelCard card = EnsembleStore.readCard(dir);
        if (from == null) from = nyDate(card.holdout().from(), "--from");
        if (to == null) to = nyDate(card.holdout().to(), "--to");
        checkWindow();
        Timeframe labelTf = Timeframe.parse(ctx.config().ensemble.labelTimeframe);
        LabelSettings labels = LabelSettings.from(ctx.config().ensemble.labels);
        EnsembleDataset data = afterTraining(dataset(ctx, market, labels, labelTf, "skill rows"), card);
        SkillRecord skill;
        try (StackedEnsemble ensemble = EnsembleStore.load(dir)) {
            skill = HeldOutSkill.of(ensemble, data, HeldOutSkill.describe("held-out", List.of(data.decisionTimes())) + " on " + market.name(),
                    SkillMeasure.roundTripCost(labels));
            System.out.println("other scores of the same rows (diagnostic; the card and the gate use P(BUY)):");
            System.out.printf("  %-26s %8s %8s %7s %12s %12s %8s %14s%n", "score", "rank IC", "NW t", "IC>0", "top-bottom", "IC per sigma", "NW t",
                    "top-bottom/sig");
            for (HeldOutSkill.ScoreSkill s : HeldOutSkill.compareScores(ensemble, data, SkillMeasure.roundTripCost(labels), labelTf.label())) {
                System.out.printf(Locale.ROOT, "  %-26s %8.4f %8s %7.3f %12.6f %12.4f %8s %14.4f%n", s.score(), s.ic(), t(s.icT()),
                        s.icHitRate(), s.topMinusBottom(), s.icPerSigma(), t(s.icPerSigmaT()), s.topMinusBottomPerSigma());
            }
            System.out.println("  (per sigma: the trade's net return divided by the labeler's sigma, the stop distance / k_stop; top-bottom in sigmas)");
            if (rowsCsv != null) writeRows(ensemble, data, rowsCsv);
        }
        EnsembleStore.writeSkill(dir, skill);
        System.out.printf("skill written to %s%n", dir.resolve("model_card.json"));
        System.out.print(skillSummary(skill));
        return 0;
    }

    private static void writeRows(StackedEnsemble ensemble, EnsembleDataset data, Path file) throws IOException {
        double[][] p = ensemble.probabilities(data.inputMatrix());
        int momentum = data.columns().indexOf("momentum_score");
        StringBuilder sb = new StringBuilder("time,symbol,p_sell,p_hold,p_buy,decision,confidence,realised_net,sigma,trade_label,momentum_score\n");
        for (int i = 0; i < data.rows(); i++) {
            Decision d = Decision.argmax(p[i]);
            sb.append(data.decisionTime(i)).append(',').append(data.symbol(i)).append(',').append(p[i][0]).append(',').append(p[i][1]).append(',')
                    .append(p[i][2]).append(',').append(d).append(',').append(ensemble.confidence(d, p[i])).append(',').append(data.realisedReturn(i))
                    .append(',').append(data.sigma(i)).append(',').append(data.tradeLabel(i)).append(',')
                    .append(momentum < 0 ? Double.NaN : data.inputs(i)[momentum]).append('\n');
        }
        Files.writeString(file, sb);
        System.out.printf("%d rows written to %s%n", data.rows(), file);
    }

    private static String t(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * The rows decided after the model's last training row: skill is measured only on rows it never trained
     * on (a day can hold both, e.g. the held-out period starting at the last hour of a session).
     */
    private EnsembleDataset afterTraining(EnsembleDataset data, ModelCard card) {
        Instant lastTrained = card.train() == null ? null : card.train().to();
        if (lastTrained == null) return data;
        int[] keep = IntStream.range(0, data.rows()).filter(i -> data.decisionTime(i).isAfter(lastTrained)).toArray();
        if (keep.length == 0) {
            throw new BadInputException("--from " + from + " --to " + to + ": every decision time is at or before the model's last training row "
                    + lastTrained + "; skill is measured only on rows the model never trained on");
        }
        if (keep.length < data.rows()) {
            System.err.printf("skill rows: %d rows at or before the model's last training row (%s) left out%n", data.rows() - keep.length, lastTrained);
        }
        return data.subset(keep);
    }

    private void checkWindow() {
        if (to.isBefore(from)) throw new BadInputException("--to " + to + " is before --from " + from);
        if (every < 1) throw new BadInputException("--every must be at least 1 minute");
        if (threads < 1) throw new BadInputException("--threads must be at least 1");
    }

    private static LocalDate nyDate(Instant t, String option) {
        if (t == null) throw new BadInputException(option + " is required: the model card has no held-out period");
        return t.atZone(MarketCalendar.NEW_YORK).toLocalDate();
    }

    /** The labelled rows for --from..--to, decision times every --every minutes, by the live cycle path. */
    private EnsembleDataset dataset(AppContext ctx, MarketData market, LabelSettings labels, Timeframe labelTf, String what) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CycleRunner runner = ctx.cycleRunner(pool, false);
            TrainingSetBuilder builder = new TrainingSetBuilder(runner, market, ctx.calendar(), new TradeLabeler(labels), labelTf);
            List<Instant> times = builder.decisionTimes(from, to, Duration.ofMinutes(every), Duration.ofMinutes(30));
            if (times.isEmpty()) throw new BadInputException("no decision times between " + from + " and " + to);
            System.err.printf("%s: %d decision times from %s to %s on %s, labels on %s bars%n", what, times.size(), from, to,
                    market.name(), labelTf);
            EnsembleDataset data = builder.build(times, ProgressBars.stderr());
            if (data.rows() == 0) throw new BadInputException("no labelled rows between " + from + " and " + to);
            return data;
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
        if (c.skill() != null) sb.append(skillSummary(c.skill()));
        return sb.toString();
    }

    static String skillSummary(SkillRecord k) {
        StringBuilder sb = new StringBuilder(String.format("skill (%s): %d decision times, %d rows%n", k.source(), k.decisionTimes(), k.rows()));
        sb.append(String.format("rank IC %s (Newey-West t %s, lag %d), IC > 0 at %s of times, top-bottom quintile %s, round trip %s%n",
                g(k.ic()), g(k.icT()), k.neweyWestLag(), g(k.icHitRate()), g(k.topMinusBottom()), g(k.roundTripCost())));
        sb.append(String.format("BUY calls %d: win rate %s, mean net return %s, calibration error %s%n", k.buyTrades(), g(k.buyWinRate()),
                g(k.buyMeanReturn()), g(k.calibrationError())));
        for (SkillRecord.Bucket b : k.buckets()) {
            if (b.trades() == 0) continue;
            sb.append(String.format("  confidence %.1f-%.1f: %4d calls, stated %s, won %s, mean return %s%n", b.lower(), b.upper(), b.trades(),
                    g(b.statedConfidence()), g(b.winRate()), g(b.meanReturn())));
        }
        return sb.toString();
    }

    private static String row(String name, ModelCard.Metrics m) {
        return String.format("%-14s %8s %9s %8s %9s%n", name, f(m.aucMacro()), f(m.logLoss()), f(m.brier()), f(m.accuracy()));
    }

    private static String f(Double v) {
        return v == null ? "-" : String.format("%.3f", v);
    }

    /** Four significant digits: skill returns and costs are fractions of a percent, which %.3f would show as 0.000. */
    private static String g(Double v) {
        return v == null ? "-" : String.format("%.4g", v);
    }
}
