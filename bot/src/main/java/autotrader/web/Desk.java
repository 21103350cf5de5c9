package autotrader.web;

import autotrader.approvals.ApprovalService;
import autotrader.approvals.LastPrice;
import autotrader.market.MarketData;
import autotrader.orders.OrderManager;
import autotrader.rules.RuleEngine;
import autotrader.rules.TradingGate;
import autotrader.store.Store;
import autotrader.view.TraderView;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the desk reads and acts on: the daemon's own services, so that an approval from the page is
 * the same call as one from Telegram or the shell.
 *
 * @param mode          paper or live
 * @param marketClock   the daemon's market time (the simulated clock on the sim source)
 * @param clockLabel    how that clock runs, for the health read-out ("simulated x60", "wall clock")
 * @param rulesVersion  the rules in force (short hash), or null when unknown
 * @param cycles        runs cycles; null when the daemon only scans (no trained ensemble)
 * @param backtests     the folder backtest reports are written under ({@code <folder of state.db>/backtests})
 * @param rules         the daemon's rules engine, for the rules state and "reload now"; null when none runs here
 * @param trading       whether the rules let the model's BUYs through and why not, with its out-of-sample record for
 *                      the evidence beside each signal (the trading loop's gate); a supplier of null where none runs here
 */
public record Desk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice,
                   Clock marketClock, String clockLabel, MarketData market, Supplier<String> rulesVersion,
                   CycleTrigger cycles, Path backtests, RuleEngine rules, Supplier<TradingGate> trading) {

    /** Without a trading loop's gate: the desk says trading is unknown here. */
    public Desk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock,
                String clockLabel, MarketData market, Supplier<String> rulesVersion, CycleTrigger cycles, Path backtests, RuleEngine rules) {
        this(mode, store, orders, approvals, lastPrice, marketClock, clockLabel, market, rulesVersion, cycles, backtests, rules, null);
    }

    /** Without a rules engine: the rules state is read from what the daemon stored, and reload answers 409. */
    public Desk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock,
                String clockLabel, MarketData market, Supplier<String> rulesVersion, CycleTrigger cycles, Path backtests) {
        this(mode, store, orders, approvals, lastPrice, marketClock, clockLabel, market, rulesVersion, cycles, backtests, null, null);
    }

    public Desk {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(lastPrice, "lastPrice");
        Objects.requireNonNull(marketClock, "marketClock");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(backtests, "backtests");
        if (rulesVersion == null) rulesVersion = () -> null;
        if (clockLabel == null) clockLabel = "";
        if (trading == null) trading = () -> null;
    }

    public String account() {
        return orders.account();
    }

    /** The read model over the desk's services, which its REST read-outs format. */
    public TraderView view() {
        return new TraderView(mode, store, orders, approvals, lastPrice, marketClock, () -> rules, trading);
    }
}
