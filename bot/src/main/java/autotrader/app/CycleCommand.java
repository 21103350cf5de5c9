package autotrader.app;

import autotrader.market.MarketData;
import autotrader.pipeline.CycleDecision;
import autotrader.pipeline.CycleResult;
import autotrader.pipeline.CycleRunner;
import autotrader.pipeline.DecisionWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Command(name = "cycle", mixinStandardHelpOptions = true,
        description = "One pipeline cycle: scan -> bars -> features -> predictors -> risk -> ensemble for every candidate; "
                + "prints the decisions (or a JSON list) and stores them with the model versions.")
public final class CycleCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    StrategyOption strategyOption;

    @Option(names = "--as-of", paramLabel = "TIME", description = "Market time (default: now, or the end of the data).")
    String asOf;

    @Option(names = "--json", description = "Print a JSON list of decisions.")
    boolean json;

    @Option(names = "--no-store", description = "Do not store the decisions.")
    boolean noStore;

    @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config, strategyOption);
        MarketData market = ctx.market();
        Instant when = asOf != null ? AsOf.parse(asOf, ctx.calendar()) : ScanCommand.defaultAsOf(market);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CycleRunner runner = ctx.cycleRunner(pool, true);
            CycleResult r = runner.run(when);
            if (!noStore) {
                ctx.store().scans().save(r.scan());
                ctx.store().decisions().saveAll(r.decisions(), market.name(), market.simulated(), ModelVersions.of(ctx));
            }
            if (json) {
                ArrayNode list = ScanReport.JSON.createArrayNode();
                r.decisions().stream().sorted(Comparator.comparingDouble(CycleDecision::confidence).reversed())
                        .forEach(d -> list.add(DecisionWriter.of(d)));
                System.out.println(ScanReport.JSON.writeValueAsString(list));
                // stdout stays the decision list scripts parse; whether its BUYs could trade goes beside it.
                System.err.println(TradingGates.line(ctx));
            } else {
                System.out.print(table(r, market.simulated()));
                // These are the model's decisions before the rules: say whether the rules would let its BUYs trade at all.
                System.out.println(TradingGates.line(ctx));
            }
            return 0;
        } finally {
            pool.shutdownNow();
        }
    }

    static String table(CycleResult r, boolean simulated) {
        StringBuilder sb = new StringBuilder();
        if (simulated) sb.append("*** SIMULATED MARKET DATA ***\n");
        sb.append(String.format("Cycle as of %s: %d candidates, %d decisions, %d skipped, %.0f ms (%s)%n%n", ScanReport.when(r.asOf()),
                r.scan().candidates().size(), r.decisions().size(), r.skipped().size(), r.totalMs(), stages(r)));
        sb.append(String.format("%-8s %-4s %6s %8s %4s %4s %5s %10s %6s%n", "symbol", "dec", "conf", "exp%", "risk", "hor", "agree", "price", "mom"));
        r.decisions().stream().sorted(Comparator.comparingDouble(CycleDecision::confidence).reversed()).forEach(d ->
                sb.append(String.format("%-8s %-4s %6.3f %+8.3f %4d %4s %5d %10.2f %6.1f%n", d.symbol(), d.decision(), d.confidence(),
                        d.expectedReturn(), d.riskScore(), d.timeHorizon(), d.modelsAgree(), d.price(), d.momentumScore())));
        r.skipped().forEach(s -> sb.append("skipped ").append(s.symbol()).append(": ").append(s.reason()).append('\n'));
        return sb.toString();
    }

    static String stages(CycleResult r) {
        StringBuilder sb = new StringBuilder();
        r.stageMs().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(Math.round(v)).append(" ms"));
        return sb.toString();
    }
}
