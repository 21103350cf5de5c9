package autotrader.app;

import autotrader.alerts.Notifier;
import autotrader.orders.OrderManager;
import autotrader.trading.TradingSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "flatten", mixinStandardHelpOptions = true,
        description = "Close everything: pause entries, cancel every open order, send a market order closing each position the broker holds.")
public final class FlattenCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = AppContext.from(config);
        String mode = ctx.config().mode.label().toUpperCase();
        if (!yes) {
            System.out.printf("Flatten the %s account: cancel all open orders and close all positions at market? Type 'yes': ", mode);
            System.out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
                System.out.println("not flattened");
                return 1;
            }
        }
        TradingSystem layer = ctx.trading(MarketNow.cli(ctx), Notifier.log());
        layer.reconciler().reconcile();     // settle unknown orders first, so nothing is left unseen
        OrderManager.FlattenResult r = layer.orders().flatten("shell");
        ctx.store().audit("shell", "flatten", r.canceled().size() + " canceled, " + r.exits().size() + " exits");
        r.canceled().forEach(c -> System.out.println("canceled " + c));
        r.exits().forEach(o -> System.out.printf("exit order %d: %s %d %s -> %s%n", o.id(), o.side(), o.quantity(), o.symbol(), o.state()));
        r.problems().forEach(p -> System.out.println("PROBLEM " + p));
        System.out.println("entries paused; `autotrader resume` to trade again");
        return r.problems().isEmpty() ? 0 : 1;
    }
}
