package autotrader.retrain;

import autotrader.features.FeatureEngine;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.predict.DatasetBuilder;
import autotrader.predict.PredictorCard;
import autotrader.predict.PredictSettings;
import autotrader.predict.PredictorModel;
import autotrader.predict.PredictorTrainer;
import autotrader.predict.Predictors;
import autotrader.predict.SequenceDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The weekly retrain of one LSTM predictor (docs/retrain.md): samples of the timeframe from the latest
 * {@code lookbackSessions} sessions up to the retrain time (none whose target bar ends later), split by
 * time into the candidate's part and the held-out latest part (purged: no held-out sequence starts
 * before the cut), a candidate trained on its part only, and both the live {@code <tf>.zip} and the
 * candidate scored on the same held-out samples. The candidate replaces the live model only when its
 * RMSE is not higher than the live model's + {@code tolerance}; the predictors folder is then swapped
 * whole ({@link PredictorFolder}), so a reader sees every zip with its own card.
 */
public final class PredictorRetrainer {

    private static final Logger log = LoggerFactory.getLogger(PredictorRetrainer.class);

    /** Trains a candidate on the candidate's samples; the daemon uses {@link PredictorTrainer} with the configured settings. */
    public interface CandidateTrainer {
        PredictorTrainer.Result train(SequenceDataset samples, PredictorTrainer.Source source);
    }

    /** The weekly job's windows and rule. */
    public record Settings(int lookbackSessions, double holdoutFraction, double tolerance) {
        public Settings {
            if (lookbackSessions < 2 || !(holdoutFraction > 0 && holdoutFraction < 1) || !(tolerance >= 0))
                throw new IllegalArgumentException("bad predictor retrain settings: " + lookbackSessions + " sessions, held out "
                        + holdoutFraction + ", tolerance " + tolerance);
        }
    }

    private final Path liveDir;
    private final MarketData market;
    private final MarketCalendar calendar;
    private final PredictSettings predict;
    private final Settings settings;
    private final CandidateTrainer trainer;
    private final Consumer<String> progress;

    /** {@code trainer} null: {@link PredictorTrainer} with {@code predict}. */
    public PredictorRetrainer(Path liveDir, MarketData market, MarketCalendar calendar, PredictSettings predict, Settings settings,
                              CandidateTrainer trainer, Consumer<String> progress) {
        this.liveDir = liveDir.toAbsolutePath().normalize();
        this.market = market;
        this.calendar = calendar;
        this.predict = predict;
        this.settings = settings;
        this.progress = progress == null ? s -> { } : progress;
        this.trainer = trainer != null ? trainer : (samples, source) -> new PredictorTrainer(predict, this.progress).train(samples, source);
    }

    public Path liveDir() {
        return liveDir;
    }

    /** Retrains the predictor of {@code tf} as of {@code asOf}; returns the comparison and the decision. */
    public PredictorCard.Retrain retrain(Timeframe tf, Instant asOf) throws IOException {
        PredictorFolder.recover(liveDir);
        LocalDate last = lastSessionStarted(asOf);
        LocalDate first = last;
        for (int i = 1; i < settings.lookbackSessions(); i++) first = calendar.previousTradingDay(first);
        // Midnight New York of the first session: daily bars start at or after it, intraday bars at the open.
        Instant from = first.atStartOfDay(MarketCalendar.NEW_YORK).toInstant();
        List<String> symbols = new ArrayList<>(market.universe());
        symbols.sort(String::compareTo);
        SequenceDataset all = new DatasetBuilder(calendar).build(market, symbols, 0, tf, from, asOf, predict.sequenceLength(),
                predict.maxSamples(), progress);
        // No look-ahead: a sample whose next bar had not closed at the retrain time had no known target.
        List<SequenceDataset.Sample> known = all.samples().stream().filter(s -> !s.targetEnd().isAfter(asOf)).toList();
        if (known.size() < 20) {
            throw new IllegalStateException(tf + ": only " + known.size() + " samples of " + market.name() + " in the " + settings.lookbackSessions()
                    + " sessions " + first + ".." + last + "; need more bars (more symbols or a longer retrain.predictor_lookback_days)");
        }
        SequenceDataset data = new SequenceDataset(tf, all.sequenceLength(), all.featureNames(), all.segments(), known, all.candidates());
        SequenceDataset.Split split = data.split(1 - settings.holdoutFraction());
        List<SequenceDataset.Sample> heldOut = split.validation();
        SequenceDataset candidateSamples = new SequenceDataset(tf, data.sequenceLength(), data.featureNames(), data.segments(),
                split.train(), split.train().size());
        progress.accept(String.format(Locale.ROOT, "retrain %s: %d samples from %s..%s: the candidate's %d up to %s, %d held out, %d purged",
                tf, known.size(), first, last, split.train().size(), split.cut(), heldOut.size(), split.purged()));

        PredictorTrainer.Result candidate = trainer.train(candidateSamples, new PredictorTrainer.Source(market.name(), market.simulated(),
                (market.simulated() ? "SIMULATED bars" : "recorded bars") + " of " + candidateSamples.symbols().size() + " symbols, sessions "
                        + first + ".." + last + " up to " + split.cut() + " (weekly retrain as of " + asOf + ")",
                "the latest samples after " + split.cut() + " (" + heldOut.size() + ") were held out to compare this model with the live one",
                List.of("retrained weekly on " + settings.lookbackSessions() + " sessions only"), data.candidates()));
        double[] actual = heldOut.stream().mapToDouble(SequenceDataset.Sample::target).toArray();
        double candidateRmse = rmse(PredictorTrainer.predict(candidate.model(), data, heldOut), actual);
        double naiveRmse = rmse(new double[actual.length], actual);

        Double incumbentRmse = null;
        String incumbentCreatedAt = null, whyNoIncumbent = null;
        Path liveZip = Predictors.modelFile(liveDir, tf);
        try {
            PredictorModel live = PredictorModel.load(liveZip, tf, FeatureEngine.featureNames());
            if (live.sequenceLength() != data.sequenceLength()) {
                whyNoIncumbent = "the live " + tf + " model takes sequences of " + live.sequenceLength() + " bars, predict.sequence_length is "
                        + data.sequenceLength() + ": not comparable on the same samples";
            } else {
                incumbentRmse = rmse(PredictorTrainer.predict(live, data, heldOut), actual);
                incumbentCreatedAt = createdAt(Predictors.cardFile(liveDir, tf));
            }
        } catch (RuntimeException e) {
            // A live model that is missing, unreadable or on other features cannot predict either: the candidate may replace it.
            whyNoIncumbent = "no usable live model: " + e.getMessage();
        }
        if (whyNoIncumbent != null) log.warn("retrain {}: {}", tf, whyNoIncumbent);

        boolean replace;
        String reason;
        if (incumbentRmse == null) {
            replace = true;
            reason = whyNoIncumbent;
        } else if (candidateRmse <= incumbentRmse + settings.tolerance()) {
            replace = true;
            reason = String.format(Locale.ROOT, "not worse: RMSE %.6g <= %.6g%s", candidateRmse, incumbentRmse, tol());
        } else {
            replace = false;
            reason = String.format(Locale.ROOT, "worse RMSE: %.6g > %.6g%s", candidateRmse, incumbentRmse, tol());
        }
        PredictorCard.Retrain record = new PredictorCard.Retrain(tf.label(), asOf.toString(), Instant.now().toString(), first.toString(),
                settings.lookbackSessions(), period(split.train()), period(heldOut), split.cut().toString(), split.purged(),
                settings.tolerance(), incumbentRmse, incumbentCreatedAt, candidateRmse, candidate.card().createdAt(), naiveRmse, replace,
                reason, null);
        if (replace) {
            PredictorFolder.replace(liveDir, tf, candidate.model(), candidate.card().withRetrain(record));
            PredictorFolder.appendHistory(liveDir, record);
        } else {
            PredictorFolder.appendHistory(liveDir, record.withRejectedCandidate(candidate.card()));
        }
        progress.accept("retrain " + tf + ": " + (replace ? "REPLACED" : "KEPT the live model") + ": " + reason);
        return record;
    }

    /** The last session that had opened by {@code asOf} (its bars up to asOf are known). */
    private LocalDate lastSessionStarted(Instant asOf) {
        LocalDate d = calendar.dateAt(asOf);
        if (!calendar.isTradingDay(d) || asOf.isBefore(calendar.openInstant(d))) d = calendar.previousTradingDay(d);
        return d;
    }

    static double rmse(double[] predicted, double[] actual) {
        if (actual.length == 0) throw new IllegalStateException("no held-out samples to score on");
        double se = 0;
        for (int i = 0; i < actual.length; i++) se += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        return Math.sqrt(se / actual.length);
    }

    private static PredictorCard.Period period(List<SequenceDataset.Sample> s) {
        if (s.isEmpty()) return new PredictorCard.Period(null, null, 0);
        Instant from = s.stream().map(SequenceDataset.Sample::end).min(Instant::compareTo).orElseThrow();
        Instant to = s.stream().map(SequenceDataset.Sample::targetEnd).max(Instant::compareTo).orElseThrow();
        return new PredictorCard.Period(from.toString(), to.toString(), s.size());
    }

    private static String createdAt(Path card) {
        try {
            return PredictorCard.read(card).createdAt();
        } catch (RuntimeException e) {
            return null; // a model without a readable card can still be compared; the record just lacks its date
        }
    }

    private String tol() {
        return settings.tolerance() > 0 ? String.format(Locale.ROOT, " (tolerance %.3g)", settings.tolerance()) : "";
    }
}
