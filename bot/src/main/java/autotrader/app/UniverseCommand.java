package autotrader.app;

import autotrader.market.MarketCalendar;
import autotrader.schwab.market.SchwabMarketData;
import autotrader.universe.ListedSymbols;
import autotrader.universe.UniverseBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "universe", mixinStandardHelpOptions = true, description = "The symbols the Schwab source scans.",
        subcommands = UniverseCommand.Build.class)
public final class UniverseCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build the universe file from listed-symbols files (NASDAQ Trader's nasdaqlisted.txt / otherlisted.txt, the same "
                    + "columns as csv, or one symbol per line) and Schwab quotes (needs `autotrader schwab login`): common stocks whose last "
                    + "price and dollar volume pass the strategy's scanner.min_price and scanner.min_avg_dollar_volume. Prints how many "
                    + "passed each filter; writes one symbol per line."})
    static final class Build implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Mixin
        StrategyOption strategyOption;

        @Option(names = "--listed", paramLabel = "FILE", required = true, split = ",",
                description = "Listed-symbols file(s), e.g. nasdaqlisted.txt,otherlisted.txt.")
        List<Path> listed;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: market.schwab.universe_file).")
        Path out;

        @Override
        public Integer call() {
            AppContext ctx = new AppContext(strategyOption.applyTo(config.load()));
            Path target = out;
            if (target == null) {
                String f = ctx.config().market.schwab.universeFile;
                if (f == null || f.isBlank()) throw new BadInputException("--out is required: market.schwab.universe_file is not set");
                target = ctx.loaded().resolve(f);
            }
            Map<String, ListedSymbols.Listing> all = new LinkedHashMap<>();
            for (Path p : listed) {
                if (!Files.isRegularFile(p)) throw new BadInputException("--listed: file " + p.toAbsolutePath().normalize() + " does not exist");
                try {
                    for (ListedSymbols.Listing l : ListedSymbols.read(p)) all.putIfAbsent(l.symbol(), l);
                } catch (IOException e) {
                    throw new BadInputException("--listed: cannot read " + p + ": " + e.getMessage());
                }
            }
            if (all.isEmpty()) throw new BadInputException("--listed: no ticker in " + listed);
            var m = ctx.config().market;
            UniverseBuild.Result r = new UniverseBuild().run(new ArrayList<>(all.values()), ctx.strategy().scanner, symbols -> {
                SchwabMarketData quotes = new SchwabMarketData(ctx.schwabHttp("universe build reads Schwab quotes"),
                        new SchwabMarketData.Settings(symbols, new HashSet<>(m.benchmarks), m.schwab.quoteBatchSize, ctx.loaded().resolve(m.schwab.cacheDir)),
                        MarketCalendar.nyse(), Clock.systemUTC());
                quotes.refreshQuotes(symbols);
                return quotes::quote;
            });
            r.passed().forEach((filter, n) -> System.out.printf("%7d  %s%n", n, filter));
            write(target, r.kept(), listed);
            System.out.printf("wrote %d symbols to %s (strategy %s)%n", r.kept().size(), target, ctx.strategy().name);
            return 0;
        }

        private static void write(Path target, List<String> symbols, List<Path> from) {
            StringBuilder sb = new StringBuilder("# autotrader universe build " + LocalDate.now() + " from " + from + ": " + symbols.size() + " symbols\n");
            for (String s : symbols) sb.append(s).append('\n');
            try {
                Path parent = target.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path tmp = parent.resolve("." + target.getFileName() + ".tmp");
                Files.writeString(tmp, sb);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
        }
    }
}
