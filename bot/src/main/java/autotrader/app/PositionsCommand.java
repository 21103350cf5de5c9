package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.orders.ControlFlags;
import autotrader.orders.OrderRepository;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "positions", mixinStandardHelpOptions = true,
        description = "Show the bot's positions (kept by recorded fills) and the cash and equity of the broker's last recorded balances, for the current mode's account, read from SQLite.")
public final class PositionsCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config);
        String account = ctx.config().mode.label().equals("paper") ? "paper" : "live";
        OrderRepository repo = new OrderRepository(ctx.store().jdbi(), Clock.systemUTC());
        List<OrderRepository.BookPosition> ps = repo.positions(account);
        boolean paused = new ControlFlags(ctx.store().jdbi(), Clock.systemUTC()).paused();
        // Cash and equity as the broker last reported them (each reconciliation records its balances):
        // read from SQLite like the positions, so no broker call and no Schwab login is needed here.
        Optional<OrderRepository.Snapshot> balances = repo.latestSnapshot(account);
        // Sim prices make the paper broker's equity made-up money: said as `status` says it of its scans.
        boolean simulated = ctx.config().market.source == AppConfig.Source.SIM;
        if (json) {
            ObjectNode o = ScanReport.JSON.createObjectNode();
            o.put("account", account).put("paused", paused).put("simulated", simulated);
            balances.ifPresent(b -> o.put("cash", b.cash()).put("equity", b.equity()).put("balances_at", b.at().toString()));
            repo.cash(account).ifPresent(c -> o.put("cash_movements", c));
            var arr = o.putArray("positions");
            for (var p : ps) arr.addObject().put("symbol", p.symbol()).put("quantity", p.quantity()).put("avg_price", p.avgPrice());
            System.out.println(ScanReport.JSON.writeValueAsString(o));
            return 0;
        }
        System.out.printf("positions (%s account)%s%s%n", account, simulated ? "  *** SIMULATED market ***" : "", paused ? "  ** entries PAUSED **" : "");
        if (ps.isEmpty()) System.out.println("none");
        for (var p : ps) System.out.printf("%-8s %8d @ %s%n", p.symbol(), p.quantity(), p.avgPrice().toPlainString());
        System.out.println(balances.map(b -> String.format("cash %s, equity %s (broker balances at %s)", b.cash().toPlainString(),
                b.equity().toPlainString(), ScanReport.when(b.at())))
                .orElse("cash: no broker balances recorded yet (the daemon records them at every reconciliation)"));
        return 0;
    }
}
