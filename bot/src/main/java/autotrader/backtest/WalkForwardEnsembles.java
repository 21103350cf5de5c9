package autotrader.backtest;

import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.EnsembleSettings;
import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.EnsembleTrainer;
import autotrader.ensemble.StackedEnsemble;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.ensemble.TrainingBar;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.DecisionInputs;
import autotrader.pipeline.TrainingSetBuilder;
import autotrader.progress.Progress;
import autotrader.progress.ProgressBars;

import autotrader.rules.ModelSkill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Walk-forward decision models: at the start of each period (week, month, quarter or year) the ensemble is
 * retrained on the decisions made before the period only, keeping just the rows whose trade label
 * ended before the period starts (purge), so no training row saw a bar of the period it trades.
 * Each session's decision inputs are computed once, by the live cycle path ({@link TrainingSetBuilder}
 * with labels on the strategy's label timeframe: one decision at each close for 1d, every {@code step}
 * inside the session for intraday labels), and kept in memory for every later period's training set. Predictors stay fixed (checked against the period by the caller).
 */
public final class WalkForwardEnsembles implements EnsembleSource {

    public enum Every {
        WEEK, MONTH, QUARTER, YEAR;

        public LocalDate start(LocalDate d) {
            return switch (this) {
                case WEEK -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> d.withDayOfMonth(1);
                case QUARTER -> d.with(IsoFields.DAY_OF_QUARTER, 1);
                case YEAR -> d.withDayOfYear(1);
            };
        }

        public static Every parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--retrain-every must be week, month, quarter or year, not '" + s + "'");
            }
        }
    }

    private final TrainingSetBuilder builder;
    private final MarketCalendar calendar;
    private final LocalDate trainFrom;
    private final Every every;
    private final EnsembleSettings settings;
    private final Path saveDir;
    private final Consumer<String> progress;
    private Progress bars;
    private final Timeframe labelTimeframe;
    private final TradeLabeler labeler;
    private final Duration step;
    private final EnsembleDataset.Builder cache = EnsembleDataset.builder(DecisionInputs.columns());
    private final List<String> trained = new ArrayList<>();
    private final List<Retrain> retrainLog = new ArrayList<>();

    /** One retraining: the period it serves, its rows, the rows purged, and the latest decision and label end it used. */
    public record Retrain(LocalDate periodStart, Instant periodOpen, int rows, int purged, Instant lastDecision, Instant lastLabelEnd,
                          int sessionsComputed) {
    }
    private LocalDate cachedThrough;
    private LocalDate currentStart;
    private StackedEnsemble current;
    private ModelSkill currentSkill;
    private int retrains;

    /**
     * @param inputsRunner a pipeline without an ensemble over the backtest's market (its own caches)
     * @param trainFrom    first decision day of every training set (an expanding window)
     * @param labelTimeframe the bars the labels run on (the strategy's label timeframe)
     * @param step         time between training decision times inside a session (intraday labels only)
     * @param saveDir      where each period's model and card are written (null: not kept)
     */
    public WalkForwardEnsembles(CycleRunner inputsRunner, MarketData market, MarketCalendar calendar, TradeLabeler labeler, LocalDate trainFrom,
                                Every every, Timeframe labelTimeframe, Duration step, EnsembleSettings settings, Path saveDir,
                                Consumer<String> progress) {
        this.builder = new TrainingSetBuilder(inputsRunner, market, calendar, labeler, labelTimeframe);
        this.labelTimeframe = labelTimeframe;
        this.labeler = labeler;
        this.step = step;
        this.calendar = calendar;
        this.trainFrom = trainFrom;
        this.every = every;
        this.settings = settings;
        this.saveDir = saveDir;
        this.progress = progress;
        this.bars = ProgressBars.lines(progress, ProgressBars.LINE_EVERY);
        this.cachedThrough = trainFrom.minusDays(1);
    }

    /** Where the training inputs' and each retrain's progress is shown (default: plain lines to the progress consumer). */
    public WalkForwardEnsembles progressBars(Progress bars) {
        this.bars = bars;
        return this;
    }

    @Override
    public synchronized StackedEnsemble ensembleFor(LocalDate day) {
        LocalDate start = every.start(day);
        if (start.equals(currentStart)) return current;
        LocalDate lastBefore = start.minusDays(1);
        int computed = 0;
        if (cachedThrough.isBefore(lastBefore)) {
            List<Instant> times = builder.decisionTimes(cachedThrough.plusDays(1), lastBefore, step, step);
            progress.accept(String.format("walk-forward: period from %s: decision inputs for %d more sessions (%s..%s), kept for later periods",
                    start, times.size(), cachedThrough.plusDays(1), lastBefore));
            EnsembleDataset more = builder.build(times, bars);
            computed = times.size();
            for (int i = 0; i < more.rows(); i++) {
                cache.add(more.symbol(i), more.decisionTime(i), more.labelEnd(i), more.inputs(i), more.label(i), more.realisedReturn(i), more.sigma(i));
            }
            cachedThrough = lastBefore;
        }
        Instant periodOpen = calendar.openInstant(calendar.isTradingDay(start) ? start : calendar.nextTradingDay(start));
        EnsembleDataset all = cache.build();
        List<Integer> keep = new ArrayList<>();
        int purged = 0;
        for (int i = 0; i < all.rows(); i++) {
            if (!all.decisionTime(i).isBefore(periodOpen)) continue;
            if (all.labelEnd(i).isBefore(periodOpen)) keep.add(i);
            else purged++;
        }
        EnsembleDataset train = all.subset(keep.stream().mapToInt(Integer::intValue).toArray());
        retrains++;
        progress.accept(String.format("walk-forward: retrain %d (period from %s): %d rows from decisions %s..%s, %d purged (label reaches the period)",
                retrains, start, train.rows(), trainFrom, lastBefore, purged));
        EnsembleTrainer.Result r;
        try (TrainingBar bar = new TrainingBar(bars, "walk-forward retrain " + retrains)) {
            r = EnsembleTrainer.train(train, settings, labeler.settings(), bar);
        }
        if (saveDir != null) {
            try {
                EnsembleStore.save(r.ensemble(), r.card(), saveDir.resolve("ensemble-" + start));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the walk-forward ensemble under " + saveDir, e);
            }
        }
        trained.add(start + ": " + train.rows() + " rows");
        Instant lastDecision = null, lastLabel = null;
        for (int i = 0; i < train.rows(); i++) {
            if (lastDecision == null || train.decisionTime(i).isAfter(lastDecision)) lastDecision = train.decisionTime(i);
            if (lastLabel == null || train.labelEnd(i).isAfter(lastLabel)) lastLabel = train.labelEnd(i);
        }
        retrainLog.add(new Retrain(start, periodOpen, train.rows(), purged, lastDecision, lastLabel, computed));
        current = r.ensemble();
        currentSkill = ModelSkill.of("walk-forward ensemble " + start, r.card().skill());
        currentStart = start;
        return current;
    }

    /** The current period's model's held-out record (the last part of its own training window), for the rules' skill gate. */
    @Override
    public synchronized ModelSkill skillFor(LocalDate day) {
        ensembleFor(day);
        return currentSkill;
    }

    public synchronized List<Retrain> retrains() {
        return List.copyOf(retrainLog);
    }

    @Override
    public String describe() {
        String decisions = labelTimeframe == Timeframe.D1 ? "daily decisions" : "decisions every " + step.toMinutes() + " min labelled on "
                + labelTimeframe.label() + " bars";
        return "walk-forward: ensemble retrained every " + every.name().toLowerCase(Locale.ROOT) + " on " + decisions + " from " + trainFrom
                + " up to the period, rows whose label reaches into the period purged; committed predictors fixed"
                + (trained.isEmpty() ? "" : " (" + String.join(", ", trained) + ")");
    }
}
