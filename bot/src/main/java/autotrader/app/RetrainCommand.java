package autotrader.app;

import autotrader.market.MarketData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = {"Retrain the ensemble (and, with retrain.predictors, first the LSTM predictors) on the latest sessions "
                + "and keep each new model only if it is not worse (docs/retrain.md).",
                "The candidate and the live model are scored on the same held-out sessions; the live folder is replaced "
                        + "as a whole (the old one stays as <dir>.previous) or left byte for byte as it was. Progress on stderr."})
final class RetrainCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--as-of", paramLabel = "TIME", description = "Retrain as of this time (default: now, or the end of the data).")
    String asOf;

    @Override
    public Integer call() {
        AppContext ctx = AppContext.from(config);
        MarketData market = ctx.market();
        Instant when = asOf != null ? AsOf.parse(asOf, ctx.calendar()) : ScanCommand.defaultAsOf(market);
        RetrainJob.Result result = new RetrainJob(ctx, line -> {
            System.err.println(line);
            System.err.flush();
        }).retrain(when);
        if (market.simulated()) System.out.println("*** SIMULATED MARKET DATA ***");
        System.out.print(result.table());
        return 0;
    }
}
