package autotrader.app;

import autotrader.orders.OrderRepository;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "positions", mixinStandardHelpOptions = true,
        description = "Show the bot's positions and cash for the current mode's account, read from SQLite (kept by recorded fills).")
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
        boolean paused = new autotrader.orders.ControlFlags(ctx.store().jdbi(), Clock.systemUTC()).paused();
        if (json) {
            ObjectNode o = ScanReport.JSON.createObjectNode();
            o.put("account", account).put("paused", paused);
            repo.cash(account).ifPresent(c -> o.put("cash_movements", c));
            var arr = o.putArray("positions");
            for (var p : ps) arr.addObject().put("symbol", p.symbol()).put("quantity", p.quantity()).put("avg_price", p.avgPrice());
            System.out.println(ScanReport.JSON.writeValueAsString(o));
            return 0;
        }
        System.out.printf("positions (%s account)%s%n", account, paused ? "  ** entries PAUSED **" : "");
        if (ps.isEmpty()) System.out.println("none");
        for (var p : ps) System.out.printf("%-8s %8d @ %s%n", p.symbol(), p.quantity(), p.avgPrice().toPlainString());
        return 0;
    }
}
