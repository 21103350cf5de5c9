package autotrader.app;

import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.LastPrice;
import autotrader.approvals.PendingIntent;
import autotrader.approvals.TraderCommands;
import autotrader.config.Mode;
import autotrader.orders.Balances;
import autotrader.orders.OrderManager;
import autotrader.orders.TradeHistory;
import autotrader.rules.RuleEngine;
import autotrader.rules.TradingGate;
import autotrader.store.ScanRepository;
import autotrader.store.Store;

import autotrader.trading.TradingLoop;
import autotrader.view.Book;
import autotrader.view.PeriodPnl;
import autotrader.view.PositionValue;
import autotrader.view.TraderView;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The read-outs and switches behind the trader's chat commands, as plain text. The read-outs only format what
 * {@link TraderView} reads (the desk's REST API and `status` format the same records). Every action goes
 * through the same services as the CLI and the desk: {@link OrderManager} (flatten, close), the
 * control flags (pause), {@link TradeHistory} (closed trades) and the daemon's {@link RuleEngine}.
 */
public final class TraderDesk implements TraderCommands {

    /** The mode as the trader is shown it ({@link Mode#shown}: PAPER, PAPER with REAL PRICES, LIVE). */
    private final String mode;
    private final Store store;
    private final OrderManager orders;
    private final Supplier<RuleEngine> rules;
    private final TradeReports trades;
    private final TraderView view;

    TraderDesk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock) {
        this(mode, store, orders, approvals, lastPrice, marketClock, () -> null);
    }

    /** {@code rules}: the daemon's engine, for /reload (null, or a supplier of null, where none runs in this process). */
    public TraderDesk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock,
                      Supplier<RuleEngine> rules) {
        this(mode, store, orders, approvals, lastPrice, marketClock, rules, null);
    }

    /**
     * {@code gate}: whether the daemon's rules let its model's BUYs through ({@link TradingLoop#tradingGate()}), for
     * the "trading: yes/no" line of /status and /signals; null (or a supplier of null) where no trading loop runs here.
     */
    public TraderDesk(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock,
                      Supplier<RuleEngine> rules, Supplier<TradingGate> gate) {
        this.rules = rules == null ? () -> null : rules;
        this.trades = new TradeReports(new TradeHistory(store.jdbi()), orders.account());
        this.mode = mode;
        this.store = store;
        this.orders = orders;
        this.view = new TraderView(mode, store, orders, approvals, lastPrice, marketClock, this.rules, gate);
    }

    /** The read model every number here comes from. */
    public TraderView view() {
        return view;
    }

    @Override
    public String status() {
        StringBuilder sb = new StringBuilder();
        // A bare label ("paper", as tests pass it) in capitals; Mode.shown's text as it is ("PAPER with REAL PRICES").
        sb.append("Mode: ").append(mode.equals(mode.toLowerCase(Locale.ROOT)) ? mode.toUpperCase(Locale.ROOT) : mode).append(view.paused() ? " (PAUSED: no new entries)" : "").append('\n');
        sb.append(tradingLine()).append('\n');
        sb.append("Market time: ").append(ScanReport.when(view.now())).append('\n');
        ScanRepository.StoredScan last = view.lastScan().orElse(null);
        sb.append("Last scan: ").append(last == null ? "none yet" : "#" + last.id() + " as of " + ScanReport.when(last.asOf())
                + (last.simulated() ? " (SIMULATED)" : "")).append('\n');
        sb.append("Rules: ").append(view.rules().map(r -> r.line()).orElse("no daemon has loaded rules yet"))
                .append('\n');
        sb.append("Pending approvals: ").append(view.pendingIntents()).append('\n');
        view.schwab().ifPresent(s -> sb.append("Schwab stream: ").append(s.streamLine())
                .append('\n').append("Schwab REST: ").append(s.restLine()).append('\n'));
        sb.append("Open orders: ").append(view.openOrders()).append(", positions: ").append(view.bookPositions().size()).append('\n');
        try {
            Balances b = view.balances();
            sb.append(String.format("Equity: %,.2f  cash: %,.2f%n", b.equity(), b.cash()));
        } catch (RuntimeException e) {
            sb.append("Equity: unavailable (").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    @Override
    public String positions() {
        Book book = view.positions();
        if (book.positions().isEmpty()) return "No open positions.";
        StringBuilder sb = new StringBuilder();
        for (PositionValue p : book.positions()) {
            sb.append(String.format("%s %d @ %.2f", p.symbol(), p.quantity(), p.avgPrice()));
            if (p.priced()) {
                sb.append(String.format("  last %.2f  P&L %+,.2f (%+.2f%%)", p.lastPrice(), p.unrealizedPnl(), p.unrealizedPnlPct()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String pnl(PnlPeriod period) {
        return pnl(view, period);
    }

    /** /pnl's answer (and `status`'s P&L line): the period's P&L, or why it is unavailable (the broker's balances cannot be read). */
    static String pnl(TraderView view, PnlPeriod period) {
        PeriodPnl p;
        try {
            p = view.pnl(period);
        } catch (RuntimeException e) {
            return "P&L unavailable: " + e.getMessage();
        }
        return pnlLine(p);
    }

    /** One period's P&L as /pnl and `status` say it. */
    static String pnlLine(PeriodPnl p) {
        String name = p.period().name().toLowerCase();
        if (!p.known()) return "P&L " + name + ": no account snapshot in that period yet (equity now " + p.equity() + ")";
        return String.format("P&L %s: %+,.2f (%+.2f%%), equity %,.2f", name, p.change(), Double.isNaN(p.changePct()) ? 0 : p.changePct(),
                p.equity());
    }

    /** The "trading: yes/no" line; a gate that cannot be asked (a rules failure) says so rather than breaking /status. */
    String tradingLine() {
        try {
            return TradingGate.line(view.gate());
        } catch (RuntimeException e) {
            return "trading: unknown — the rules could not be asked: " + e.getMessage();
        }
    }

    @Override
    public String signals() {
        List<StoredIntent> recent = view.recentIntents(10);
        // Only intents are listed here: with entries blocked there are none, and the reason must show instead of a bare "none".
        TradingGate g = view.gate();
        String blocked = g != null && !g.trading() ? g.line() + "\n" : "";
        if (recent.isEmpty()) return blocked + "No signals yet.";
        StringBuilder sb = new StringBuilder(blocked);
        for (StoredIntent s : recent) {
            PendingIntent p = s.intent();
            sb.append(String.format("#%d %s %s %d @ %.2f conf %.2f risk %d: %s%s%n", p.intentId(), p.side(), p.symbol(), p.quantity(),
                    p.entryPrice(), p.confidence(), p.riskScore(), s.status(), s.outcome() == null ? "" : " (" + s.outcome() + ")"));
        }
        return sb.toString();
    }

    @Override
    public String pause(String actor) {
        orders.flags().setPaused(true, actor);
        store.audit(actor, "pause", null);
        return "Paused: no new entries. Stops and take-profits keep working. /resume to allow entries.";
    }

    @Override
    public String resume(String actor) {
        orders.flags().setPaused(false, actor);
        store.audit(actor, "resume", null);
        return "Resumed: new entries allowed.";
    }

    @Override
    public String flatten(String actor) {
        OrderManager.FlattenResult r = orders.flatten(actor);
        store.audit(actor, "flatten", r.canceled().size() + " canceled, " + r.exits().size() + " exits, " + r.problems().size() + " problems");
        return "Flattened: entries paused, " + describe(r) + "\n/resume to allow entries again.";
    }

    @Override
    public long positionQuantity(String symbol) {
        return view.quantity(symbol);
    }

    @Override
    public String close(String symbol, String actor) {
        OrderManager.FlattenResult r = orders.close(symbol, actor);
        store.audit(actor, "close", symbol + ": " + r.canceled().size() + " canceled, " + r.exits().size() + " exits, " + r.problems());
        return "Close " + symbol + ": " + describe(r);
    }

    private static String describe(OrderManager.FlattenResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.canceled().size()).append(" order(s) canceled, ").append(r.exits().size()).append(" exit order(s)");
        r.exits().forEach(o -> sb.append(String.format("%n  exit order %d: %s %d %s -> %s", o.id(), o.side(), o.quantity(), o.symbol(), o.state())));
        r.problems().forEach(p -> sb.append("\n  PROBLEM ").append(p));
        return sb.toString();
    }

    @Override
    public String trades(int limit) {
        return trades.trades(limit);
    }

    @Override
    public String profit() {
        return trades.profit(view.now());
    }

    @Override
    public String daily(int days) {
        return trades.daily(days);
    }

    @Override
    public String performance() {
        return trades.performance();
    }

    @Override
    public String reloadRules(String actor) {
        RuleEngine engine = rules.get();
        if (engine == null) return "Reload not available: no rules engine runs in this process.";
        RuleEngine.ReloadOutcome o = engine.reload();
        store.audit(actor, "rules.reload", o + " " + engine.version().label());
        return switch (o) {
            case RELOADED -> "Rules reloaded: now running " + engine.version().label() + ".";
            case UNCHANGED -> "Rules unchanged: " + engine.version().label() + " in force.";
            case REFUSED -> "Rules REFUSED, still running " + engine.version().label() + ":\n" + engine.state().refused();
        };
    }
}
