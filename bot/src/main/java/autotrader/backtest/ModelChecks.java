package autotrader.backtest;

import autotrader.ensemble.EnsembleStore;
import autotrader.ensemble.ModelCard;
import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.pipeline.DecisionInputs;
import autotrader.predict.Predictors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a backtest whose models could have seen the period it is tested on, or that do not fit the
 * data: each predictor used must have been trained and validated on bars before the first backtest
 * day (its card), and a fixed ensemble's training decisions and their labels must end before it
 * too, with the label timeframe and the columns of the data at hand. Each method returns the
 * problem in words, or empty when all is well.
 */
public final class ModelChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABELS_ON = Pattern.compile("labels on (\\w+) bars");

    private ModelChecks() {
    }

    /** The timeframes the source has bars for on {@code day} (the pipeline skips the others). */
    public static Set<Timeframe> timeframesWithData(MarketData market, MarketCalendar calendar, LocalDate day) {
        String probe = market.has("SPY") ? "SPY" : market.universe().get(0);
        Set<Timeframe> out = EnumSet.noneOf(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            List<Bar> b = market.bars(probe, tf, calendar.closeInstant(day), 1);
            if (!b.isEmpty() && !calendar.dateAt(b.get(0).end()).isBefore(calendar.previousTradingDay(day))) out.add(tf);
        }
        return out;
    }

    /** Every predictor of a timeframe with data must have its training and validation data end before {@code from}. */
    public static Optional<String> predictors(Path dir, Set<Timeframe> used, LocalDate from, MarketCalendar calendar) {
        List<String> problems = new ArrayList<>();
        for (Timeframe tf : used) {
            Path card = Predictors.cardFile(dir, tf);
            if (!Files.exists(card)) {
                problems.add(card + " is missing: the " + tf.label() + " predictor's training period is unknown");
                continue;
            }
            try {
                JsonNode n = JSON.readTree(card.toFile());
                Instant end = latest(n.path("train").path("to").asText(null), n.path("validation").path("to").asText(null));
                if (end == null) problems.add(card + ": no train.to / validation.to");
                else if (!calendar.dateAt(end).isBefore(from)) {
                    problems.add(String.format("the %s predictor (%s) was trained/validated on data up to %s: --from %s must be after it",
                            tf.label(), card, calendar.dateAt(end), from));
                }
            } catch (IOException e) {
                problems.add(card + ": unreadable: " + e.getMessage());
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** What a saved ensemble was trained on, from its model card. */
    public record EnsembleTraining(String labelTimeframe, LocalDate lastDecisionDay, LocalDate labelsEndBy, List<String> columns) {
    }

    public static EnsembleTraining training(Path dir, int horizonBars, MarketCalendar calendar) throws IOException {
        ModelCard card = EnsembleStore.readCard(dir);
        List<String> columns = JSON.readValue(dir.resolve("columns.json").toFile(),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        String tf = null;
        for (String note : card.notes() == null ? List.<String>of() : card.notes()) {
            Matcher m = LABELS_ON.matcher(note);
            if (m.find()) tf = m.group(1);
        }
        Instant last = latest(card.train() == null || card.train().to() == null ? null : card.train().to().toString(),
                card.holdout() == null || card.holdout().to() == null ? null : card.holdout().to().toString());
        if (last == null) throw new IOException(dir + "/model_card.json: no training period (train.to / holdout.to)");
        LocalDate lastDay = calendar.dateAt(last);
        // A label enters at the next bar and runs horizon_bars more: for daily labels that many sessions after the last decision.
        LocalDate labelsEnd = lastDay;
        if ("1d".equals(tf)) for (int i = 0; i <= horizonBars; i++) labelsEnd = calendar.nextTradingDay(labelsEnd);
        return new EnsembleTraining(tf, lastDay, labelsEnd, columns);
    }

    /** A fixed ensemble must have been trained (labels included) before {@code from}, on the label timeframe and columns the data fits. */
    public static Optional<String> fixedEnsemble(Path dir, EnsembleTraining t, LocalDate from, Timeframe finest) {
        if (!t.labelsEndBy().isBefore(from)) {
            return Optional.of(String.format("the ensemble in %s was trained on decisions up to %s (labels to %s): with --models fixed "
                    + "the backtest period must lie after its training data, so --from must be after %s", dir, t.lastDecisionDay(),
                    t.labelsEndBy(), t.labelsEndBy()));
        }
        if (t.labelTimeframe() == null) {
            return Optional.of(dir + "/model_card.json does not say which bars its labels ran on (no 'labels on <tf> bars' note)");
        }
        boolean dailyData = finest == Timeframe.D1;
        if (dailyData != "1d".equals(t.labelTimeframe())) {
            return Optional.of(String.format("the ensemble in %s was trained with labels on %s bars but the data's finest bars are %s: "
                    + "its inputs would not match (use --ensemble with a model trained on this kind of data)", dir, t.labelTimeframe(),
                    finest.label()));
        }
        if (!t.columns().equals(DecisionInputs.columns())) {
            return Optional.of(dir + "/columns.json: " + t.columns().size() + " columns that differ from this build's "
                    + DecisionInputs.columns().size() + " decision inputs; retrain the ensemble");
        }
        return Optional.empty();
    }

    private static Instant latest(String a, String b) {
        Instant x = a == null || a.isEmpty() ? null : Instant.parse(a), y = b == null || b.isEmpty() ? null : Instant.parse(b);
        if (x == null) return y;
        if (y == null) return x;
        return x.isAfter(y) ? x : y;
    }
}
