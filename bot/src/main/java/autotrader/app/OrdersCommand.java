package autotrader.app;

import autotrader.config.AppConfig;
import autotrader.orders.OrderRepository;
import autotrader.orders.StoredOrder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "orders", mixinStandardHelpOptions = true,
        description = "List the orders of the current mode's account (newest first), read from SQLite.")
public final class OrdersCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Orders to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config);
        String account = ctx.config().mode.label().equals("paper") ? "paper" : "live";
        OrderRepository repo = new OrderRepository(ctx.store().jdbi(), Clock.systemUTC());
        List<StoredOrder> orders = repo.all(account, limit);
        boolean simulated = ctx.config().market.source == AppConfig.Source.SIM;
        if (json) {
            ArrayNode arr = ScanReport.JSON.createArrayNode();
            for (StoredOrder o : orders) {
                ObjectNode n = arr.addObject();
                n.put("id", o.id()).put("simulated", simulated).put("account", o.account()).put("client_order_id", o.clientOrderId()).put("intent", o.intentRef());
                if (o.parentId() != null) n.put("parent_id", o.parentId());
                n.put("role", o.role().name()).put("symbol", o.symbol()).put("side", o.side().name()).put("quantity", o.quantity())
                        .put("type", o.orderType().name()).put("state", o.state().name()).put("broker_order_id", o.brokerOrderId())
                        .put("filled_quantity", o.filledQuantity()).put("created_at", o.createdAt().toString());
                if (o.limitPrice() != null) n.put("limit_price", o.limitPrice());
                if (o.stopPrice() != null) n.put("stop_price", o.stopPrice());
                if (o.takeProfit() != null) n.put("take_profit", o.takeProfit());
                if (o.stopLoss() != null) n.put("stop_loss", o.stopLoss());
                if (o.avgFillPrice() != null) n.put("avg_fill_price", o.avgFillPrice());
            }
            System.out.println(ScanReport.JSON.writeValueAsString(arr));
            return 0;
        }
        System.out.printf("orders (%s account)%s%n", account, simulated ? "  *** SIMULATED market ***" : "");
        if (orders.isEmpty()) {
            System.out.println("none yet");
            return 0;
        }
        System.out.printf("%6s %6s %-13s %-8s %-4s %6s %-13s %-16s %9s %10s  %s%n", "id", "parent", "role", "symbol", "side", "qty", "type", "state",
                "filled", "avg", "broker id");
        for (StoredOrder o : orders) {
            System.out.printf("%6d %6s %-13s %-8s %-4s %6d %-13s %-16s %9d %10s  %s%n", o.id(), o.parentId() == null ? "" : o.parentId(),
                    o.role(), o.symbol(), o.side(), o.quantity(), o.orderType(), o.state(), o.filledQuantity(),
                    o.avgFillPrice() == null ? "" : o.avgFillPrice().toPlainString(), o.brokerOrderId() == null ? "" : o.brokerOrderId());
        }
        return 0;
    }
}
