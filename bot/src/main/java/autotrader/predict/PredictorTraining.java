package autotrader.predict;

import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.progress.Progress;
import autotrader.progress.ProgressBars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code train predictors}: for each timeframe, builds the dataset from a market, trains, and writes
 * {@code <dir>/<tf>.zip} and {@code <dir>/<tf>.json}.
 */
public final class PredictorTraining {

    /**
     * @param symbolLimit    0 for every symbol with enough bars
     * @param from           first date (null: all history, or the sim's start)
     * @param to             last date (null: the 1d default {@code dailyTrainEnd}, or the market's last data)
     * @param dailyTrainStart default first date for 1d on recorded data
     */
    public record Request(List<Timeframe> timeframes, MarketData market, String sourceDescription, int symbolLimit,
                          LocalDate from, LocalDate to, LocalDate dailyTrainStart, LocalDate dailyTrainEnd, Path outDir,
                          PredictSettings settings) {
    }

    public record Outcome(Timeframe timeframe, Path model, Path cardFile, long modelBytes, PredictorCard card) {
    }

    private PredictorTraining() {
    }

    /** As {@link #run(Request, Consumer, Progress)}, the epochs as plain lines to {@code progress}. */
    public static List<Outcome> run(Request r, Consumer<String> progress) {
        return run(r, progress, ProgressBars.lines(progress, ProgressBars.LINE_EVERY));
    }

    /** Trains each requested timeframe: messages to {@code progress}, each training's epochs to {@code bars}. */
    public static List<Outcome> run(Request r, Consumer<String> progress, Progress bars) {
        MarketCalendar cal = MarketCalendar.nyse();
        DatasetBuilder builder = new DatasetBuilder(cal);
        List<Outcome> out = new ArrayList<>();
        for (Timeframe tf : r.timeframes()) {
            long t0 = System.nanoTime();
            LocalDate to = r.to();
            boolean dailyHoldout = false;
            if (to == null && tf == Timeframe.D1 && !r.market().simulated()) {
                to = r.dailyTrainEnd();
                dailyHoldout = true;
            }
            Instant toInstant = to == null ? r.market().lastAvailable() : to.plusDays(1).atStartOfDay(MarketCalendar.NEW_YORK).toInstant();
            LocalDate from = r.from();
            if (from == null && tf == Timeframe.D1 && !r.market().simulated()) from = r.dailyTrainStart();
            Instant fromInstant = from == null ? null : from.atStartOfDay(MarketCalendar.NEW_YORK).toInstant();
            List<String> symbols = new ArrayList<>(r.market().universe());
            symbols.sort(String::compareTo);
            SequenceDataset data = builder.build(r.market(), symbols, r.symbolLimit(), tf, fromInstant, toInstant,
                    r.settings().sequenceLength(), r.settings().maxSamples(), progress);
            if (data.size() < 10) {
                throw new IllegalStateException(tf + ": only " + data.size() + " samples from " + r.sourceDescription()
                        + " between " + (from == null ? "the start" : from) + " and " + (to == null ? "the end" : to)
                        + "; need more bars (more symbols or a longer date range)");
            }
            long candidates = data.candidates();
            String outOfSample = dailyHoldout
                    ? "daily bars after " + to + " (from " + to.plusDays(1) + ", i.e. the 2016-02-01..2018-02-07 backtest period of the "
                    + "505-stock file) were not used for training or validation; they stay out-of-sample for backtests"
                    : to == null ? "no period reserved: bars up to the end of the data were used for training and validation"
                    : "bars after " + to + " (from " + to.plusDays(1) + ") were not used for training or validation; they stay "
                    + "out-of-sample for backtests";
            PredictorTrainer.Source source = new PredictorTrainer.Source(r.sourceDescription(), r.market().simulated(),
                    trainedOn(tf, r.market(), data), outOfSample, caveats(tf, r.market()), candidates);
            PredictorTrainer.Result result = new PredictorTrainer(r.settings(), progress, bars).train(data, source);
            Path zip = Predictors.modelFile(r.outDir(), tf), card = Predictors.cardFile(r.outDir(), tf);
            result.model().save(zip);
            result.card().write(card);
            long bytes = size(zip);
            PredictorCard.Metrics m = result.card().metrics();
            progress.accept(String.format("%s: wrote %s (%.2f MB) and %s in %s total; validation RMSE %.6g vs naive %.6g (%s), direction %.1f%% vs %.1f%%",
                    tf, zip, bytes / 1e6, card.getFileName(), PredictorTrainer.duration((System.nanoTime() - t0) / 1e9), m.rmse(),
                    m.naiveRmse(), result.card().beatsNaiveBaseline() ? "beats naive" : "WORSE than naive",
                    100 * m.directionalAccuracy(), 100 * m.directionalBaseline()));
            out.add(new Outcome(tf, zip, card, bytes, result.card()));
        }
        return out;
    }

    private static String trainedOn(Timeframe tf, MarketData market, SequenceDataset data) {
        String who = data.symbols().size() + " symbols";
        if (market.simulated()) return "SIMULATED bars from the seeded market simulator (made-up prices), " + who;
        return switch (tf) {
            case M1 -> "recorded 1-minute regular-session bars (csv intraday/**/<SYM>_1min files), " + who;
            case M5 -> "recorded 5-minute regular-session bars (aggregated from 1-minute bars on sessions that have them, otherwise the <SYM>_5min files), " + who;
            case M30, H1, H6 -> tf + " bars aggregated by CsvMarket from recorded 1-minute bars where a session has them, otherwise from 5-minute bars, " + who;
            case D1 -> "recorded daily bars from the csv folder's daily files (in shared/data: the 505-stock S&P 500 file, 2013-2018, "
                    + "and the ETF files IVV, GLD, SLV, EFA; SPY and QQQ are benchmarks, not in the universe), " + who;
        };
    }

    private static List<String> caveats(Timeframe tf, MarketData market) {
        List<String> c = new ArrayList<>();
        c.add("scanner features (momentum_score, scan_*) have no history and are NaN in training, so the model ignores them (always 0)");
        if (market.simulated()) c.add("SIMULATED: trained on made-up prices; says nothing about real markets");
        if (tf == Timeframe.M1 && !market.simulated())
            c.add("1-minute volume switches between single-venue and consolidated inside the files (see shared/data/README.md); "
                    + "volume-ratio features mostly compare bars of one segment, but windows that straddle a switch are distorted");
        c.add("next-bar returns are close to unpredictable; judge the model by beats_naive_baseline, not by its loss");
        return c;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
