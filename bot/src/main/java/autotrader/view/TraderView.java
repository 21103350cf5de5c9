package autotrader.view;

import autotrader.approvals.ApprovalService;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.LastPrice;
import autotrader.approvals.TraderCommands.PnlPeriod;
import autotrader.orders.Balances;
import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRepository.BookPosition;
import autotrader.orders.OrderRepository.EquityPoint;
import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;
import autotrader.rules.RuleEngine;
import autotrader.rules.RulesState;
import autotrader.rules.TradingGate;
import autotrader.store.DecisionRepository.CycleSummary;
import autotrader.store.JobRepository.Heartbeat;
import autotrader.store.JobRepository.JobRow;
import autotrader.store.RulesStateRepository;
import autotrader.store.ScanRepository.StoredScan;
import autotrader.store.SchwabStatusRepository;
import autotrader.store.SchwabStatusRepository.SchwabStatus;
import autotrader.store.Store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import static autotrader.market.MarketCalendar.NEW_YORK;

/**
 * The one read model of what the trader sees (see the package's description): every number Telegram, the desk's REST
 * API and `status` show comes from here, read through the repositories and the daemon's own services. Stateless: each
 * call reads anew.
 */
public final class TraderView {

    private final String mode;
    private final Store store;
    private final OrderManager orders;
    private final ApprovalService approvals;
    private final LastPrice lastPrice;
    private final Supplier<Balances> balances;
    private final Clock marketClock;
    private final Supplier<RuleEngine> rules;
    private final Supplier<TradingGate> gate;

    /**
     * @param mode        the mode as its owner shows it (a label: "paper", "PAPER with REAL PRICES", ...)
     * @param marketClock the daemon's market time (the simulated clock on the sim source): positions are valued at it and
     *                    the P&L periods are its days
     * @param rules       the daemon's engine, for the rules state; null, or a supplier of null, where none runs in this
     *                    process (the state the daemon stored is read then)
     * @param gate        whether the rules let the model's BUYs through; null, or a supplier of null, where no trading loop runs here
     */
    public TraderView(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice, Clock marketClock,
                      Supplier<RuleEngine> rules, Supplier<TradingGate> gate) {
        this(mode, store, orders, approvals, lastPrice, null, marketClock, rules, gate);
    }

    private TraderView(String mode, Store store, OrderManager orders, ApprovalService approvals, LastPrice lastPrice,
                       Supplier<Balances> balances, Clock marketClock, Supplier<RuleEngine> rules, Supplier<TradingGate> gate) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.store = Objects.requireNonNull(store, "store");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.lastPrice = Objects.requireNonNull(lastPrice, "lastPrice");
        this.balances = balances != null ? balances : () -> orders.broker().balances();
        this.marketClock = Objects.requireNonNull(marketClock, "marketClock");
        this.rules = rules == null ? () -> null : rules;
        this.gate = gate == null ? () -> null : gate;
    }

    /** The same view with last prices and the broker's balances read through these (the desk keeps them a few seconds). */
    public TraderView readingThrough(LastPrice prices, Supplier<Balances> balances) {
        return new TraderView(mode, store, orders, approvals, prices, balances, marketClock, rules, gate);
    }

    public String mode() {
        return mode;
    }

    public String account() {
        return orders.account();
    }

    /** Market time now. */
    public Instant now() {
        return marketClock.instant();
    }

    /** Whether new entries are paused. */
    public boolean paused() {
        return orders.flags().paused();
    }

    // ---- positions and P&L

    /** The bot's book (kept by recorded fills), unvalued. */
    public List<BookPosition> bookPositions() {
        return orders.repository().positions(account());
    }

    /** The book quantity in {@code symbol}; 0 when none is held. */
    public long quantity(String symbol) {
        return bookPositions().stream().filter(p -> p.symbol().equals(symbol)).mapToLong(BookPosition::quantity).findFirst().orElse(0);
    }

    /** The bot's positions valued at the last price known at market time now. */
    public Book positions() {
        Instant now = now();
        List<PositionValue> out = new ArrayList<>();
        BigDecimal pnl = BigDecimal.ZERO, value = BigDecimal.ZERO;
        boolean allPriced = true;
        for (BookPosition p : bookPositions()) {
            PositionValue v = value(p, lastPrice.at(p.symbol(), now));
            out.add(v);
            if (!v.priced()) {
                allPriced = false;
                continue;
            }
            pnl = pnl.add(v.unrealizedPnl());
            value = value.add(v.lastPrice().multiply(BigDecimal.valueOf(p.quantity())));
        }
        return new Book(now, paused(), List.copyOf(out), Money.of(pnl), Money.of(value), allPriced);
    }

    /** One position at {@code last}: market value and unrealised P&L in {@link Money}; unpriced when {@code last} is empty. */
    static PositionValue value(BookPosition p, OptionalDouble last) {
        if (last.isEmpty()) return new PositionValue(p.symbol(), p.quantity(), p.avgPrice(), null, null, null, Double.NaN);
        BigDecimal px = BigDecimal.valueOf(last.getAsDouble());
        BigDecimal qty = BigDecimal.valueOf(p.quantity());
        double pct = p.avgPrice().signum() == 0 ? Double.NaN
                : (last.getAsDouble() / p.avgPrice().doubleValue() - 1) * Math.signum(p.quantity()) * 100;
        return new PositionValue(p.symbol(), p.quantity(), p.avgPrice(), px, Money.of(px.multiply(qty)),
                Money.of(px.subtract(p.avgPrice()).multiply(qty)), pct);
    }

    /** The broker's balances now; a broker that cannot be asked throws. */
    public Balances balances() {
        return balances.get();
    }

    /** The P&L over {@code period} against the broker's equity now; a broker that cannot be asked throws. */
    public PeriodPnl pnl(PnlPeriod period) {
        return pnl(period, balances());
    }

    /** The P&L over {@code period} against {@code now}'s equity (one balances read for several periods). */
    public PeriodPnl pnl(PnlPeriod period, Balances now) {
        LocalDate today = now().atZone(NEW_YORK).toLocalDate();
        Instant from = switch (period) {
            case TODAY -> today.atStartOfDay(NEW_YORK).toInstant();
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(NEW_YORK).toInstant();
            case ALL -> Instant.EPOCH;
        };
        BigDecimal equity = now.equity();
        BigDecimal start = orders.repository().equitySince(account(), from).orElse(null);
        if (start == null) return new PeriodPnl(period, from, equity, null, null, Double.NaN);
        BigDecimal change = equity.subtract(start);
        double pct = start.signum() == 0 ? Double.NaN : change.doubleValue() / start.doubleValue() * 100;
        return new PeriodPnl(period, from, equity, start, Money.of(change), pct);
    }

    /** The account snapshots the reconciler stores, as stored. */
    public List<EquityPoint> equityCurve() {
        return orders.repository().equityCurve(account());
    }

    // ---- orders and intents

    /** The latest orders of this account, bracket legs included, newest first. */
    public List<StoredOrder> orders(int limit) {
        return orders.repository().all(account(), limit);
    }

    public StoredOrder order(long id) {
        return orders.repository().get(id);
    }

    /** Orders not done yet: approved, being sent, sent, partly filled or of unknown outcome. */
    public int openOrders() {
        return orders.repository().inStates(account(), OrderState.APPROVED, OrderState.SUBMITTING, OrderState.UNKNOWN, OrderState.SUBMITTED,
                OrderState.PARTIALLY_FILLED).size();
    }

    public int pendingIntents() {
        return approvals.pending().size();
    }

    public int intentsInAll() {
        return approvals.count();
    }

    /** The latest intents with their approval state, newest first. */
    public List<StoredIntent> recentIntents(int limit) {
        return approvals.recent(limit);
    }

    /** The intents made since {@code asOf} by symbol (the latest one where a symbol has several). */
    public Map<String, StoredIntent> intentsSince(Instant asOf) {
        Map<String, StoredIntent> bySymbol = new HashMap<>();
        for (StoredIntent s : new IntentRepository(store.jdbi()).createdSince(account(), asOf)) bySymbol.put(s.intent().symbol(), s);   // oldest first: the latest wins
        return bySymbol;
    }

    // ---- signals, scans, jobs

    /** The stored JSON of the latest cycle's decisions, best confidence first. */
    public List<String> latestDecisions() {
        return store.decisions().latestCycle();
    }

    /** The stored JSON of the latest decision about {@code symbol}. */
    public Optional<String> latestDecision(String symbol) {
        return store.decisions().latestFor(symbol);
    }

    public Optional<CycleSummary> lastCycle() {
        return store.decisions().latestCycleSummary();
    }

    public Optional<StoredScan> lastScan() {
        return store.scans().latest();
    }

    public List<JobRow> jobs() {
        return store.jobs().all();
    }

    public Optional<Heartbeat> heartbeat() {
        return store.jobs().heartbeat();
    }

    // ---- rules, gate, Schwab

    /** The rules state: the engine's when it runs in this process, else what the daemon stored; empty when neither knows. */
    public Optional<RulesState> rules() {
        RuleEngine engine = rules.get();
        if (engine != null) return Optional.of(engine.state());
        return new RulesStateRepository(store.jdbi()).load();
    }

    /** The trading gate; null where no trading loop runs here. A rules failure while asking throws. */
    public TradingGate gate() {
        return gate.get();
    }

    /** The Schwab stream and REST counts as the daemon last wrote them; empty where no Schwab daemon ran on this database. */
    public Optional<SchwabStatus> schwab() {
        return new SchwabStatusRepository(store.jdbi()).load();
    }
}
