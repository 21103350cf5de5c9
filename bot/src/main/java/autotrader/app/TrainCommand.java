package autotrader.app;

import autotrader.progress.ProgressBars;
import autotrader.config.AppConfig;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.market.csv.CsvMarket;
import autotrader.market.store.BarStore;
import autotrader.market.store.StoreMarket;
import autotrader.market.sim.SimMarket;
import autotrader.market.sim.SimSettings;
import autotrader.predict.PredictSettings;
import autotrader.predict.PredictorTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code autotrader train <models>}: offline training. Register in Main's subcommands. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train models offline (writes models/ and model cards).",
        subcommands = {TrainCommand.Predictors.class, TrainEnsembleCommand.class})
public final class TrainCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Number of sim symbols used when --symbols is not given on the sim source (its universe is 1,453). */
    static final int SIM_DEFAULT_SYMBOLS = 20;

    @Command(name = "predictors", mixinStandardHelpOptions = true,
            description = {"Train the per-timeframe LSTM next-bar predictors (docs/predictors.md).",
                    "Progress (one line per epoch) goes to stderr; writes <out>/<tf>.zip and <out>/<tf>.json."})
    static final class Predictors implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--timeframes", split = ",", paramLabel = "TF",
                description = "Timeframes to train (default: all of 1m,5m,30m,1h,6h,1d).")
        List<String> timeframes;

        @Option(names = "--source", paramLabel = "auto|sim|csv|store",
                description = "Bars to train on (default: market.source; auto: the bar store when it holds bars, else the simulator).")
        String source;

        @Option(names = "--dir", paramLabel = "DIR", description = "csv folder (default: market.csv_dir), e.g. ../shared/data; with --source store or auto the bar store (default: market.store_dir).")
        Path dir;

        @Option(names = "--symbols", paramLabel = "N", defaultValue = "0",
                description = "Use only the first N symbols (sorted) that have enough bars (default: all on csv, "
                        + SIM_DEFAULT_SYMBOLS + " on sim).")
        int symbols;

        @Option(names = "--from", paramLabel = "DATE", description = "First date of bars (default: all history; for 1d on csv predict.daily_train_start; sim: market.sim.start_date).")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last date of bars (default: the end of the data; for 1d on csv "
                + "predict.daily_train_end, keeping later days out-of-sample; sim: 3 months after the start, 2 years for 1d).")
        String to;

        @Option(names = "--out", paramLabel = "DIR", description = "Where models and cards go (default: predict.models_dir).")
        Path out;

        @Option(names = "--max-samples", paramLabel = "N", description = "Override predict.max_samples.")
        Integer maxSamples;

        @Option(names = "--max-epochs", paramLabel = "N", description = "Override predict.max_epochs.")
        Integer maxEpochs;

        @Override
        public Integer call() {
            AppContext ctx = AppContext.from(config);
            AppConfig c = ctx.config();
            List<Timeframe> tfs = new ArrayList<>();
            try {
                if (timeframes == null || timeframes.isEmpty()) tfs.addAll(List.of(Timeframe.values()));
                else for (String t : timeframes) tfs.add(Timeframe.parse(t));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--timeframes: " + e.getMessage());
            }
            String src = source == null ? c.market.source.name().toLowerCase(Locale.ROOT) : source.toLowerCase(Locale.ROOT);
            // auto (named here, or market.source auto): the bar store when it holds bars, else the simulator; --dir names the store.
            if (src.equals("auto") || (source == null && ctx.source().why() != null)) {
                SourceChoice auto = dir != null ? SourceChoice.storeAt(dir)
                        : source == null ? ctx.source() : SourceChoice.decide(ctx.loaded().resolve(c.market.storeDir));
                src = auto.source().name().toLowerCase(Locale.ROOT);
            }
            if (symbols < 0) throw new BadInputException("--symbols must be 0 (all) or more");
            LocalDate fromDate = date("--from", from), toDate = date("--to", to);
            if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) throw new BadInputException("--to is before --from");
            PredictSettings settings = PredictSettings.from(c.predict);
            if (maxSamples != null) {
                if (maxSamples < 100) throw new BadInputException("--max-samples must be at least 100");
                settings = settings.withMaxSamples(maxSamples);
            }
            if (maxEpochs != null) {
                if (maxEpochs < 1) throw new BadInputException("--max-epochs must be at least 1");
                settings = settings.withMaxEpochs(maxEpochs);
            }
            Path outDir = out != null ? out : ctx.loaded().resolve(c.predict.modelsDir);
            List<PredictorTraining.Outcome> outcomes = new ArrayList<>();
            switch (src) {
                case "csv" -> {
                    Path folder = dir != null ? dir : ctx.loaded().resolve(c.market.csvDir);
                    if (!Files.isDirectory(folder)) throw new BadInputException("--dir: folder " + folder.toAbsolutePath().normalize() + " does not exist");
                    MarketData market = new CsvMarket(folder, new HashSet<>(c.market.benchmarks));
                    String desc = "csv " + folder.toAbsolutePath().normalize() + " (recorded market bars)";
                    outcomes.addAll(PredictorTraining.run(new PredictorTraining.Request(tfs, market, desc, symbols, fromDate, toDate,
                            c.predict.dailyTrainStart, c.predict.dailyTrainEnd, outDir, settings), this::progress, ProgressBars.stderr()));
                }
                case "store" -> {
                    Path folder = dir != null ? dir : ctx.loaded().resolve(c.market.storeDir);
                    if (!Files.isDirectory(folder)) throw new BadInputException("--dir: bar store " + folder.toAbsolutePath().normalize() + " does not exist");
                    MarketData market = new StoreMarket(new BarStore(folder), new HashSet<>(c.market.benchmarks));
                    String desc = "store " + folder.toAbsolutePath().normalize() + " (recorded market bars)";
                    outcomes.addAll(PredictorTraining.run(new PredictorTraining.Request(tfs, market, desc, symbols, fromDate, toDate,
                            c.predict.dailyTrainStart, c.predict.dailyTrainEnd, outDir, settings), this::progress));
                }
                case "sim" -> {
                    var sim = c.market.sim;
                    MarketData market = new SimMarket(new SimSettings(sim.seed, sim.symbols, sim.startDate));
                    int n = symbols == 0 ? SIM_DEFAULT_SYMBOLS : symbols;
                    String desc = "SIMULATED: seeded market simulator, seed " + sim.seed + " (made-up prices)";
                    // one request per timeframe: the default date range differs between 1d and intraday
                    for (Timeframe tf : tfs) {
                        LocalDate f = fromDate != null ? fromDate : sim.startDate;
                        LocalDate t = toDate != null ? toDate : tf == Timeframe.D1 ? f.plusYears(2) : f.plusMonths(3);
                        outcomes.addAll(PredictorTraining.run(new PredictorTraining.Request(List.of(tf), market, desc, n, f, t,
                                c.predict.dailyTrainStart, c.predict.dailyTrainEnd, outDir, settings), this::progress, ProgressBars.stderr()));
                    }
                }
                default -> throw new BadInputException("--source must be auto, sim, csv or store, not '" + source + "'");
            }
            System.out.printf("%-4s %-12s %8s %9s %12s %12s %7s %7s %s%n", "tf", "beats naive", "size MB", "train s",
                    "val RMSE", "naive RMSE", "dir %", "base %", "model");
            for (PredictorTraining.Outcome o : outcomes) {
                var m = o.card().metrics();
                System.out.printf("%-4s %-12s %8.2f %9.1f %12.6g %12.6g %7.1f %7.1f %s%n", o.timeframe(), o.card().beatsNaiveBaseline(),
                        o.modelBytes() / 1e6, o.card().training().seconds(), m.rmse(), m.naiveRmse(), 100 * m.directionalAccuracy(),
                        100 * m.directionalBaseline(), o.model());
            }
            return 0;
        }

        private void progress(String line) {
            System.err.println(line);
            System.err.flush();
        }

        private static LocalDate date(String option, String text) {
            if (text == null) return null;
            try {
                return LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new BadInputException(option + ": '" + text + "' is not a date (YYYY-MM-DD)");
            }
        }
    }
}
