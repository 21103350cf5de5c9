package autotrader.app;

import autotrader.features.FeatureCsvWriter;
import autotrader.features.FeatureEngine;
import autotrader.features.FeatureMatrix;
import autotrader.market.Bar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.scan.Momentum;
import autotrader.scan.ScanInput;
import autotrader.scan.ScanService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Write the feature rows of one symbol and timeframe to a csv file (one row per bar, NaN as an empty field).")
public final class FeaturesCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--symbol", required = true, paramLabel = "SYM", description = "The symbol whose feature rows to write, e.g. AAPL.")
    String symbol;

    @Option(names = "--timeframe", required = true, paramLabel = "TF", description = "1m, 5m, 30m, 1h, 6h or 1d.")
    String timeframe;

    @Option(names = "--as-of", paramLabel = "TIME", description = "Last bar to include ends at or before this time (default: now / end of data).")
    String asOf;

    @Option(names = "--bars", paramLabel = "N", defaultValue = "300", description = "Rows to write (default ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "The csv file to write: one row per bar, one column per feature.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Timeframe tf;
        try {
            tf = Timeframe.parse(timeframe);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--timeframe: " + e.getMessage());
        }
        if (bars < 1) throw new BadInputException("--bars must be at least 1");
        AppContext ctx = AppContext.from(config);
        MarketData market = ctx.market();
        if (!market.has(symbol)) throw new BadInputException("--symbol " + symbol + ": no data for it in " + market.name());
        Instant when = asOf != null ? AsOf.parse(asOf, ctx.calendar()) : ScanCommand.defaultAsOf(market);
        // The rows' first bars need a full window of history behind them.
        List<Bar> history = market.bars(symbol, tf, when, bars + FeatureEngine.WINDOW_BARS - 1);
        if (history.isEmpty()) throw new BadInputException("no " + tf + " bars for " + symbol + " up to " + when);
        FeatureMatrix all = new FeatureEngine(symbol, tf).compute(history, momentum(ctx, when));
        int from = Math.max(0, all.rows() - bars);
        FeatureMatrix tail = all.slice(from, all.rows());
        FeatureCsvWriter.write(tail, out);
        System.out.printf("%s %s: %d rows x %d features -> %s%s%n", symbol, tf, tail.rows(), tail.names().size(), out,
                market.simulated() ? "  (SIMULATED market data)" : "");
        return 0;
    }

    /** The scanner's values for this symbol at the same instant, so the csv shows what the models see. */
    private Momentum momentum(AppContext ctx, Instant when) {
        ScanService scans = ctx.scanService(Clock.systemUTC());
        var loaded = scans.loader().load(List.of(symbol), when, ctx.strategy().scanner.minHistoryDays + 5);
        if (loaded.inputs().isEmpty()) return null;
        ScanInput in = loaded.inputs().get(0);
        return scans.scanner().score(in);
    }
}
