package autotrader.trading;

import autotrader.alerts.Notifier;
import autotrader.approvals.ApprovalService;
import autotrader.approvals.Exposure;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.LastPrice;
import autotrader.config.AppConfig;
import autotrader.ensemble.ModelTrade;
import autotrader.ensemble.StackedEnsemble;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.orders.Broker;
import autotrader.orders.ControlFlags;
import autotrader.orders.CrashPoints;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.Reconciler;
import autotrader.pipeline.CycleRunner;
import autotrader.predict.Predictors;
import autotrader.rules.RuleEngine;
import autotrader.rules.RulesRefusedException;
import autotrader.scan.ScanService;
import autotrader.store.Store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The one place that wires the trading objects: the order manager, reconciler, approval service,
 * rule engine, cycle runner and loop, built from the ports that differ between the daemon (paper
 * or live), the backtest, the soak bench, the desk and the tests. What differs is only in
 * {@link Ports}; the objects and how they are joined are the same everywhere (LEAN's one
 * composition root, NautilusTrader's one kernel for backtest and live).
 */
public final class TradingSystem {

    /**
     * What an environment provides. {@code clock} is market time: order rows, intents and account
     * snapshots are stamped with it (on a simulated or replayed clock, wall time would put them
     * years away from their fills, and the daily loss limit would read the wrong rows).
     */
    public record Ports(Store store, MarketData market, MarketCalendar calendar, Clock clock, Broker broker, Notifier alerts) {
    }

    private final Ports ports;
    private final AppConfig.Risk risk;
    private final OrderManager orders;
    private final Reconciler reconciler;
    private final ApprovalService approvals;

    private TradingSystem(Ports ports, AppConfig.Risk risk, OrderManager orders, ApprovalService approvals) {
        this.ports = ports;
        this.risk = risk;
        this.orders = orders;
        this.reconciler = new Reconciler(orders, ports.alerts());
        this.approvals = approvals;
    }

    /**
     * The order layer and approval service over {@code ports}, with the settings of {@code config}
     * (approvals.*, risk.*); {@code autoApprove}: intents are approved as they are proposed (paper
     * with approvals.paper_auto_approve, every backtest).
     */
    public static TradingSystem build(Ports ports, AppConfig config, boolean autoApprove) {
        AppConfig.Approvals a = config.approvals;
        return build(ports, config.risk, new ApprovalService.Settings(Duration.ofSeconds(a.timeoutSeconds), a.maxPriceDriftPct,
                autoApprove, limits(config)), LastPrice.from(ports.market()));
    }

    /**
     * The same with the approval settings and the price source given outright (tests that hold an
     * approval to a fixed drift or price); {@code risk} is what the rules size with.
     */
    public static TradingSystem build(Ports ports, AppConfig.Risk risk, ApprovalService.Settings approvalSettings, LastPrice lastPrice) {
        OrderManager orders = new OrderManager(ports.broker(), new OrderRepository(ports.store().jdbi(), ports.clock()),
                new ControlFlags(ports.store().jdbi(), ports.clock()), ports.alerts(), CrashPoints.NONE, ports.clock());
        ApprovalService approvals = new ApprovalService(new IntentRepository(ports.store().jdbi()), orders, ports.store(), ports.clock(),
                lastPrice, approvalSettings);
        return new TradingSystem(ports, risk, orders, approvals);
    }

    /** The exposure limits of config risk.*: every proposal and approval is held to them. */
    public static Exposure.Limits limits(AppConfig config) {
        return new Exposure.Limits(config.risk.maxPositionPct, config.risk.maxOpenPositions);
    }

    /**
     * A cycle (scan -> bars -> features -> predictors -> risk -> ensemble) over {@code market}; a null
     * ensemble gives the inputs only (training sets, the look-ahead check). Static: `cycle`, `train` and
     * the look-ahead check run cycles without an order layer.
     */
    public static CycleRunner cycleRunner(AppConfig config, MarketData market, ScanService scans, Predictors predictors,
                                          StackedEnsemble ensemble, ExecutorService pool) {
        return new CycleRunner(market, scans, predictors, ensemble, config.predict.sequenceLength, pool)
                .withModelTrade(ModelTrade.of(config.ensemble));
    }

    /** The trader's rule files in {@code dir}, compiled now; a broken set is refused ({@link RulesRefusedException}). */
    public RuleEngine rules(Path dir, Notifier alerts) {
        return RuleEngine.load(dir, risk, alerts);
    }

    /** The loop over this system's orders and approvals: {@code runner}'s decisions through {@code rules}. */
    public TradingLoop loop(CycleRunner runner, RuleEngine rules, String modelVersions) {
        return new TradingLoop(runner, rules, approvals, orders, ports.store(), ports.market(), ports.calendar(), modelVersions);
    }

    public OrderManager orders() {
        return orders;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public Ports ports() {
        return ports;
    }
}
