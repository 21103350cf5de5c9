package autotrader.app;

import autotrader.config.LoadedConfig;
import autotrader.market.MarketCalendar;
import autotrader.market.Timeframe;
import autotrader.market.csv.LoadProblem;
import autotrader.market.store.BarStore;
import autotrader.market.store.CsvImport;
import autotrader.market.store.SessionGaps;
import autotrader.market.store.StoreVerify;
import autotrader.schwab.market.HistoryFetch;
import autotrader.schwab.market.SymbolList;
import autotrader.progress.ProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"The bar store (docs/data.md): Parquet files per timeframe and symbol under market.store_dir, which "
                + "`--source store` / `market.source: store` reads."},
        subcommands = {DataCommand.Import.class, DataCommand.ListCoverage.class, DataCommand.Verify.class, DataCommand.Fetch.class})
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

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download Schwab's price history into the bar store (needs `autotrader schwab login`). Each size as deep as Schwab "
                    + "serves it: 1m about 48 days, 5m and 30m about 9 months, 1d from 1985; whole sessions up to yesterday's close. "
                    + "Resumable: each window is asked for once, so a second run (or one after a kill) asks only for what is missing. "
                    + "Requests go through schwab.requests_per_minute, so a run of 1,450 symbols x 1m,5m,30m,1d is about 35,000 requests, "
                    + "about 5 hours at 120 a minute.",
                    "Refuses to run while a daemon is alive on state.db: the fetch would take the request budget its order calls need.",
                    "Progress with an ETA on stderr; a table per symbol and size at the end, with every failure and its reason."})
    static final class Fetch implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--store", paramLabel = "DIR", description = "The bar store (default: market.store_dir).")
        Path dir;

        @Option(names = "--universe", paramLabel = "FILE", required = true,
                description = "Symbols: one per line, or a csv with a Symbol column (e.g. the strategy's universe file); market.benchmarks are fetched too.")
        Path universe;

        @Option(names = "--timeframes", split = ",", paramLabel = "TF", defaultValue = "1m,5m,30m,1d",
                description = "Bar sizes, of 1m, 5m, 30m, 1d (default: ${DEFAULT-VALUE}).")
        List<String> timeframes;

        @Option(names = "--from", paramLabel = "DATE", description = "First date (default: as deep as Schwab serves each size).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "DATE", description = "Last date (default: yesterday).")
        LocalDate to;

        @Override
        public Integer call() {
            List<Timeframe> tfs = new ArrayList<>();
            for (String t : timeframes) {
                Timeframe tf;
                try {
                    tf = Timeframe.parse(t);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--timeframes: " + e.getMessage());
                }
                if (!HistoryFetch.FETCHABLE.contains(tf)) throw new BadInputException("--timeframes: Schwab has no " + tf.label() + " bars; fetch 1m, 5m, 30m or 1d");
                tfs.add(tf);
            }
            if (from != null && to != null && to.isBefore(from)) throw new BadInputException("--to " + to + " is before --from " + from);
            List<String> symbols;
            try {
                symbols = SymbolList.read(universe);
            } catch (IOException e) {
                throw new BadInputException("--universe: cannot read " + universe + ": " + e.getMessage());
            }
            if (symbols.isEmpty()) throw new BadInputException("--universe: " + universe + " holds no symbols");
            AppContext ctx = AppContext.from(config);
            refuseBesideADaemon(ctx);
            // The benchmarks too: the pipeline's beta and dependence features and the backtest's buy-and-hold read them.
            List<String> wanted = new ArrayList<>(symbols);
            for (String b : ctx.config().market.benchmarks) if (!wanted.contains(b.toUpperCase(Locale.ROOT))) wanted.add(b.toUpperCase(Locale.ROOT));
            Path root = dir != null ? dir : ctx.loaded().resolve(ctx.config().market.storeDir);
            List<HistoryFetch.Outcome> out;
            try (BarStore s = new BarStore(root)) {
                out = new HistoryFetch(ctx.schwabHttp("data fetch reads Schwab's price history"), s, MarketCalendar.nyse(), Clock.systemUTC())
                        .run(wanted, tfs, from, to, ProgressBars.stderr());
            }
            System.out.printf("%-8s %-4s %8s %10s %10s %6s %s%n", "symbol", "tf", "requests", "new bars", "stored", "gaps", "status");
            long added = 0;
            int failed = 0;
            for (HistoryFetch.Outcome o : out) {
                System.out.printf("%-8s %-4s %8d %10d %10d %6d %s%n", o.symbol(), o.timeframe().label(), o.requests(), o.added(), o.stored(), o.gaps(),
                        o.failure() == null ? "ok" : "FAILED: " + o.failure());
                added += o.added();
                if (o.failure() != null) failed++;
            }
            System.out.printf("fetched %d symbols x %d sizes into %s: %,d new bars, %d series failed%n", wanted.size(), tfs.size(), root, added, failed);
            return 0;
        }

        /** The daemon's heartbeat in state.db says whether one is running (SystemStatus.alive: fresh beat, process there, not stopped). */
        private static void refuseBesideADaemon(AppContext ctx) {
            Path db = ctx.loaded().resolve(ctx.config().state.db);
            if (!Files.exists(db)) return;
            var beat = ctx.store().jobs().heartbeat();
            if (beat.isPresent() && SystemStatus.alive(beat.get(), Instant.now())) {
                throw new BadInputException("a daemon (pid " + beat.get().pid() + ") is running on " + db + ": data fetch would take the Schwab "
                        + "request budget its order calls need. Stop it first, fetch, then start it again");
            }
        }
    }
}
