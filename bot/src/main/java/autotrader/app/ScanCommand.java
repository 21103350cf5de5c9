package autotrader.app;

import autotrader.market.MarketData;
import autotrader.scan.ScanResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan the universe for momentum, print the ranked candidates and store the run in SQLite.")
public final class ScanCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    StrategyOption strategyOption;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Market time to scan as of: 2024-06-12T11:00 (New York), an ISO instant, or a date (its close). Default: now.")
    String asOf;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--no-store", description = "Do not write the scan to the state database.")
    boolean noStore;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config, strategyOption);
        MarketData market = ctx.market();
        Instant when = asOf != null ? AsOf.parse(asOf, ctx.calendar()) : defaultAsOf(market);
        ScanResult result = ctx.scanService(Clock.systemUTC()).scan(when);
        Long id = noStore ? null : ctx.store().scans().save(result);
        System.out.print(json ? ScanReport.json(result, id) : ScanReport.table(result, id));
        return 0;
    }

    /** Now, or the end of the source's data when the clock is past it (a csv folder of old bars). */
    static Instant defaultAsOf(MarketData market) {
        Instant now = Instant.now();
        Instant last = market.lastAvailable();
        return last != null && last.isBefore(now) ? last : now;
    }
}
