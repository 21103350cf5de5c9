package autotrader.pipeline;

import autotrader.ensemble.EnsembleDataset;
import autotrader.ensemble.TradeLabeler;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.progress.Progress;
import autotrader.progress.ProgressBars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ensemble's training rows, made by the live code path: at each decision time the cycle runs up
 * to the ensemble ({@link CycleRunner#inputs}) exactly as it would live, and each candidate's row is
 * labelled by what a trade entered at the next bar would have done ({@link TradeLabeler}). Only the
 * label reads bars after the decision time.
 */
public final class TrainingSetBuilder {

    private static final Logger log = LoggerFactory.getLogger(TrainingSetBuilder.class);

    private final CycleRunner runner;
    private final MarketData market;
    private final MarketCalendar calendar;
    private final TradeLabeler labeler;
    private final Timeframe labelTimeframe;

    public TrainingSetBuilder(CycleRunner runner, MarketData market, MarketCalendar calendar, TradeLabeler labeler, Timeframe labelTimeframe) {
        this.runner = runner;
        this.market = market;
        this.calendar = calendar;
        this.labeler = labeler;
        this.labelTimeframe = labelTimeframe;
    }

    /**
     * Decision times from {@code from} to {@code to}: every {@code step} inside each session from
     * {@code firstAfterOpen} after the open, leaving room for the label's horizon before the close
     * (intraday label timeframes). With a daily label timeframe, one decision at each session's close.
     */
    public List<Instant> decisionTimes(LocalDate from, LocalDate to, Duration step, Duration firstAfterOpen) {
        List<Instant> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!calendar.isTradingDay(d)) continue;
            if (labelTimeframe == Timeframe.D1) {
                out.add(calendar.closeInstant(d));
                continue;
            }
            Instant close = calendar.closeInstant(d);
            Instant lastUseful = close.minus(labelTimeframe.nominal().multipliedBy(labeler.settings().horizonBars() + 1));
            for (Instant t = calendar.openInstant(d).plus(firstAfterOpen); !t.isAfter(lastUseful); t = t.plus(step)) out.add(t);
        }
        return out;
    }

    /** As {@link #build(List, Progress)}, the progress as plain lines to {@code progress} (null: none). */
    public EnsembleDataset build(List<Instant> times, Consumer<String> progress) {
        return build(times, progress == null ? Progress.NONE : ProgressBars.lines(progress, ProgressBars.LINE_EVERY));
    }

    public EnsembleDataset build(List<Instant> times, Progress bars) {
        EnsembleDataset.Builder data = EnsembleDataset.builder(DecisionInputs.columns());
        int unlabelled = 0;
        Progress.Task bar = bars.start("dataset", times.size(), "decision times");   // closed after the loop (its ticker is a daemon thread)
        for (int i = 0; i < times.size(); i++) {
            Instant t = times.get(i);
            CycleRunner.Inputs in = runner.inputs(t, new LinkedHashMap<>());
            for (CandidateInputs c : in.candidates()) {
                var label = labelAt(c.candidate().symbol(), t);
                if (label.isEmpty()) {
                    unlabelled++;
                    continue;
                }
                data.add(c.candidate().symbol(), t, label.get().labelEnd(), c.row(), label.get().decision(),
                        label.get().longTrade().netReturn(), label.get().sigma());
            }
            bar.note(String.format("%s, %d rows, %d unlabelled", ZonedDateTime.ofInstant(t, MarketCalendar.NEW_YORK).toLocalDateTime(),
                    data.rows(), unlabelled));
            bar.stepTo(i + 1);
        }
        bar.close();
        log.info("ensemble dataset: {} rows from {} decision times ({} candidates without a label)", data.rows(), times.size(), unlabelled);
        return data.build();
    }

    /** The label of a decision at t: the label timeframe's bars up to t and the horizon after it. */
    private Optional<TradeLabeler.TradeLabel> labelAt(String symbol, Instant t) {
        int before = labeler.settings().volLookback() + 2, after = labeler.settings().horizonBars() + 1;
        Instant until = labelTimeframe == Timeframe.D1
                ? calendar.closeInstant(advance(calendar.dateAt(t), after + 3))
                : t.plus(labelTimeframe.nominal().multipliedBy(after + 1));
        List<Bar> bars = market.bars(symbol, labelTimeframe, until, before + after + 5);
        int idx = -1;
        for (int k = 0; k < bars.size(); k++) if (!bars.get(k).end().isAfter(t)) idx = k;
        if (idx < 0) return Optional.empty();
        return labeler.label(bars, idx);
    }

    private LocalDate advance(LocalDate d, int sessions) {
        for (int i = 0; i < sessions; i++) d = calendar.nextTradingDay(d);
        return d;
    }

}
