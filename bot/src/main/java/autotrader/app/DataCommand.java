package autotrader.app;

import autotrader.config.LoadedConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.csv.LoadProblem;
import autotrader.market.store.BarStore;
import autotrader.market.store.CsvImport;
import autotrader.market.store.SessionGaps;
import autotrader.market.store.StoreVerify;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"The bar store (docs/data.md): Parquet files per timeframe and symbol under market.store_dir, which "
                + "`--source store` / `market.source: store` reads."},
        subcommands = {DataCommand.Import.class, DataCommand.ListCoverage.class, DataCommand.Verify.class})
public final class DataCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The store option every data subcommand takes. */
    static final class StoreOption {
        @Mixin
        ConfigOption config;

        @Option(names = "--store", paramLabel = "DIR", description = "The bar store (default: market.store_dir).")
        Path dir;

        BarStore open() {
            LoadedConfig loaded = config.load();
            return new BarStore(dir != null ? dir : loaded.resolve(loaded.config().market.storeDir));
        }
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Copy a csv folder laid out like ../shared/data (daily/ with the long Name-column file or one file per symbol; "
                    + "intraday/**/<SYM>_1min.csv[.gz] and <SYM>_5min.csv[.gz]) into the bar store: 1d, 1m and 5m bars as recorded, "
                    + "checked as the csv source checks them (bad rows skipped and listed). A bar already stored is kept: importing twice adds nothing."})
    static final class Import implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Option(names = "--dir", paramLabel = "FOLDER", required = true, description = "The csv folder.")
        Path dir;

        @Override
        public Integer call() {
            if (!Files.isDirectory(dir)) throw new BadInputException("--dir " + dir.toAbsolutePath().normalize() + " is not a folder");
            try (BarStore s = store.open()) {
                CsvImport.Summary r = new CsvImport(s).run(dir, line -> System.err.println(line));
                for (LoadProblem p : r.problems().stream().limit(20).toList()) System.out.println("skipped: " + p);
                if (r.problems().size() > 20) System.out.println("skipped: ... " + (r.problems().size() - 20) + " more");
                System.out.printf("imported %s into %s: %d symbols, %,d bars read, %,d new (%,d already stored), %d rows or files skipped, "
                                + "%.1f s (%,.0f bars/s), store %.1f MB%n", dir, s.root(), r.symbols(), r.barsRead(), r.barsAdded(),
                        r.barsRead() - r.barsAdded(), r.problems().size(), r.seconds(), r.barsPerSecond(), s.sizeBytes() / 1e6);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "What the bar store holds: per symbol and timeframe the first bar's start, the last bar's end (UTC), bars, "
                    + "NYSE sessions without a bar between them (gaps) and who recorded the bars (source).")
    static final class ListCoverage implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Override
        public Integer call() {
            SessionGaps gaps = new SessionGaps(MarketCalendar.nyse());
            try (BarStore s = store.open()) {
                System.out.printf("%-8s %-4s %-16s %-16s %10s %6s %s%n", "symbol", "tf", "first", "last", "bars", "gaps", "source");
                int series = 0;
                for (Timeframe tf : s.timeframes()) {
                    for (String sym : s.symbols(tf)) {
                        var c = s.coverage(sym, tf);
                        if (c.isEmpty()) continue;
                        int missing = SessionGaps.sessions(gaps.of(s.read(sym, tf)));
                        System.out.printf("%-8s %-4s %-16s %-16s %10d %6d %s%n", sym, tf.label(), UTC.format(c.get().first()),
                                UTC.format(c.get().last()), c.get().bars(), missing, c.get().sources());
                        series++;
                    }
                }
                System.out.printf("%d series in %s (%.1f MB)%n", series, s.root(), s.sizeBytes() / 1e6);
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every stored bar as the csv source checks a row (prices positive, low <= open/close <= high, volume >= 0, "
                    + "each bar after the previous) and inside an NYSE regular session; list the sessions missing between a series' first "
                    + "and last bar. Exit 1 when a bar is broken; gaps alone are reported, exit 0.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        StoreOption store;

        @Override
        public Integer call() {
            try (BarStore s = store.open()) {
                List<StoreVerify.Finding> found = new StoreVerify(s, MarketCalendar.nyse()).run();
                long bad = found.stream().filter(StoreVerify.Finding::bad).count();
                for (StoreVerify.Finding f : found) System.out.println((f.bad() ? "BAD  " : "gap  ") + f);
                System.out.printf("verified %s: %d broken bars, %d gaps%n", s.root(), bad, found.size() - bad);
                return bad == 0 ? 0 : 1;
            }
        }
    }
}
