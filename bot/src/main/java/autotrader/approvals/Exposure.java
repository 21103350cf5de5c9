package autotrader.approvals;

import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.StoredOrder;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the account holds or may soon hold, per symbol: positions in the book, entry orders that may
 * still fill (recorded, approved, in flight, working) and intents waiting for the trader. The
 * exposure limits count all three together: counting positions alone let each cycle propose, and the
 * trader approve, a second and third entry for a symbol whose first entry had not filled yet.
 */
public final class Exposure {

    /** The risk limits an entry must keep (config risk.*), enforced at proposal and again at approval. */
    public record Limits(double maxPositionPct, int maxOpenPositions) {
        /** No cap on size or count; one entry per symbol still holds. */
        public static final Limits NONE = new Limits(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);
    }

    /**
     * Headroom on the position cap for equity moving between the sizing (at the proposal) and the
     * approval: the rules size at or under the cap, so only a move of the account can push it over.
     */
    static final double CAP_TOLERANCE = 0.01;

    /** One symbol's exposure: what holds it, and its quantity (shares held, ordered or proposed). */
    public record Holding(String symbol, long quantity, double price, boolean pending, String what) {
    }

    private static final OrderState[] OPEN_ENTRY = {OrderState.INTENT, OrderState.APPROVED, OrderState.SUBMITTING, OrderState.UNKNOWN,
            OrderState.WAITING, OrderState.SUBMITTED, OrderState.PARTIALLY_FILLED};

    private final Map<String, Holding> bySymbol;

    private Exposure(Map<String, Holding> bySymbol) {
        this.bySymbol = bySymbol;
    }

    /**
     * The exposure at {@code now}, leaving out intent {@code exceptIntent} (the one being approved, or -1
     * for a new proposal), its own entry order (one exists when an approval was given back because
     * trading was paused) and pending intents proposed after it.
     */
    static Exposure of(OrderRepository orders, IntentRepository intents, String account, Instant now, long exceptIntent) {
        Map<String, Holding> m = new LinkedHashMap<>();
        for (OrderRepository.BookPosition p : orders.positions(account)) {
            if (p.quantity() != 0) m.put(p.symbol(), new Holding(p.symbol(), p.quantity(), p.avgPrice().doubleValue(), false,
                    "a position of " + p.quantity()));
        }
        String own = "intent-" + exceptIntent;
        for (StoredOrder o : orders.inStates(account, OPEN_ENTRY)) {
            if (o.role() != OrderRole.ENTRY || !o.sentByUs() || own.equals(o.intentRef())) continue;
            double price = o.limitPrice() != null ? o.limitPrice().doubleValue() : Double.NaN;
            m.putIfAbsent(o.symbol(), new Holding(o.symbol(), o.quantity() - o.filledQuantity(), price, true,
                    "entry order " + o.id() + " (" + o.state() + ", " + o.quantity() + " shares)"));
        }
        for (StoredIntent i : intents.pending(account)) add(m, i, now, exceptIntent, "pending intent ");
        for (StoredIntent i : intents.approvedWithoutOrder(account)) add(m, i, now, exceptIntent, "intent being approved ");
        return new Exposure(m);
    }

    private static void add(Map<String, Holding> m, StoredIntent i, Instant now, long except, String label) {
        PendingIntent p = i.intent();
        if (p.intentId() == except || (i.status() == IntentRepository.Status.PENDING && now.isAfter(p.expiresAt()))) return;
        // At an approval, only intents proposed before this one hold their symbol and slot ahead of it: two pending
        // intents for one symbol (two processes at once) must not block each other; the first one approved wins.
        if (except >= 0 && i.status() == IntentRepository.Status.PENDING && p.intentId() > except) return;
        m.putIfAbsent(p.symbol(), new Holding(p.symbol(), p.quantity(), p.entryPrice(), true, label + p.intentId()
                + " (" + p.quantity() + " shares)"));
    }

    public Optional<Holding> holding(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    /** Symbols held or about to be: each takes one of the open-position slots. */
    public int slotsTaken() {
        return bySymbol.size();
    }

    public Collection<Holding> holdings() {
        return bySymbol.values();
    }

    /**
     * Why a new entry of {@code quantity} {@code symbol} at {@code price} would break a limit on an
     * account of {@code equity}, naming the limit; empty when it keeps all three.
     */
    public Optional<String> refusal(String symbol, long quantity, double price, double equity, Limits limits) {
        Holding h = bySymbol.get(symbol);
        if (h != null) return Optional.of("one entry per symbol: " + symbol + " already has " + h.what());
        if (slotsTaken() >= limits.maxOpenPositions()) {
            return Optional.of("max open positions (risk.max_open_positions " + limits.maxOpenPositions() + "): " + slotsTaken()
                    + " taken by positions, open entry orders and pending intents");
        }
        double cap = equity * limits.maxPositionPct();
        double value = quantity * price;
        if (Double.isFinite(cap) && value > cap * (1 + CAP_TOLERANCE)) {
            return Optional.of(String.format("position cap (risk.max_position_pct %.0f %%): %d %s at %.2f = %.2f, above %.2f of equity %.2f",
                    limits.maxPositionPct() * 100, quantity, symbol, price, value, cap, equity));
        }
        return Optional.empty();
    }
}
