package autotrader.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the order layer is asked to do. The rules stage's trade intents are mapped onto this later;
 * the order layer knows nothing of rules. {@code clientOrderId} is generated here and stored before
 * anything is sent: it is how a crash-interrupted order is recognised again.
 *
 * <p>ENTRY: {@code side} BUY or SELL, MARKET or LIMIT, optional bracket (take-profit and one of
 * stop-loss or trailing stop). EXIT: a MARKET/LIMIT order closing a position. PROTECTION: a
 * stand-alone take-profit/stop-loss pair for an existing position (side is the closing side).
 */
public record OrderRequest(String clientOrderId, String intentRef, OrderRole role, String symbol, Side side, long quantity,
                           EntryType entryType, BigDecimal limitPrice, BigDecimal stopLoss, BigDecimal takeProfit,
                           BigDecimal trailingStop) {

    public OrderRequest {
        if (clientOrderId == null || clientOrderId.isBlank()) throw new IllegalArgumentException("clientOrderId is required");
        if (role == null || role.isChildLeg()) throw new IllegalArgumentException("role must be ENTRY, EXIT or PROTECTION");
        if (symbol == null || !symbol.matches("[A-Z][A-Z0-9.\\-/$]{0,11}")) throw new IllegalArgumentException("bad symbol '" + symbol + "'");
        if (side == null) throw new IllegalArgumentException("side is required");
        if (quantity < 1) throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        if (entryType == null) entryType = EntryType.MARKET;
        positive("limit price", limitPrice);
        positive("stop-loss", stopLoss);
        positive("take-profit", takeProfit);
        positive("trailing stop", trailingStop);
        if (entryType == EntryType.LIMIT && limitPrice == null) throw new IllegalArgumentException("a LIMIT entry needs a limit price");
        if (entryType == EntryType.MARKET && limitPrice != null) throw new IllegalArgumentException("a MARKET entry takes no limit price");
        if (stopLoss != null && trailingStop != null) {
            throw new IllegalArgumentException("give a stop-loss or a trailing stop, not both: the OCO pair holds one stop");
        }
        if (role == OrderRole.PROTECTION && (takeProfit == null && stopLoss == null && trailingStop == null)) {
            throw new IllegalArgumentException("a PROTECTION order needs a take-profit and/or a stop");
        }
        if (role == OrderRole.EXIT && (takeProfit != null || stopLoss != null || trailingStop != null)) {
            throw new IllegalArgumentException("an EXIT order carries no bracket");
        }
        // A BUY entry's stop must sit below its take-profit (and the reverse for a SELL): a swapped pair
        // would close the position at once.
        if (stopLoss != null && takeProfit != null) {
            boolean longPosition = (role == OrderRole.ENTRY && side == Side.BUY) || (role == OrderRole.PROTECTION && side == Side.SELL);
            boolean ok = longPosition ? stopLoss.compareTo(takeProfit) < 0 : stopLoss.compareTo(takeProfit) > 0;
            if (!ok) throw new IllegalArgumentException("stop-loss " + stopLoss + " and take-profit " + takeProfit + " are on the wrong sides");
        }
    }

    private static void positive(String what, BigDecimal v) {
        if (v != null && v.signum() <= 0) throw new IllegalArgumentException(what + " must be positive, was " + v);
    }

    /** A new client order id: short, unique, and recognisable in logs. */
    public static String newClientOrderId() {
        return "AT-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
    }

    public static OrderRequest entry(String intentRef, String symbol, Side side, long qty, EntryType type, BigDecimal limit,
                                     BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal trailingStop) {
        return new OrderRequest(newClientOrderId(), intentRef, OrderRole.ENTRY, symbol, side, qty, type, limit, stopLoss, takeProfit, trailingStop);
    }

    public static OrderRequest marketExit(String intentRef, String symbol, Side side, long qty) {
        return new OrderRequest(newClientOrderId(), intentRef, OrderRole.EXIT, symbol, side, qty, EntryType.MARKET, null, null, null, null);
    }

    public static OrderRequest protection(String intentRef, String symbol, Side closingSide, long qty, BigDecimal stopLoss,
                                          BigDecimal takeProfit, BigDecimal trailingStop) {
        return new OrderRequest(newClientOrderId(), intentRef, OrderRole.PROTECTION, symbol, closingSide, qty, EntryType.MARKET,
                null, stopLoss, takeProfit, trailingStop);
    }

    public boolean hasBracket() {
        return stopLoss != null || takeProfit != null || trailingStop != null;
    }

    /** The protective legs this request asks for, in the order brokers list them: take-profit, then the stop. */
    public List<OrderRole> protectiveLegs() {
        List<OrderRole> legs = new ArrayList<>();
        if (takeProfit != null) legs.add(OrderRole.TAKE_PROFIT);
        if (stopLoss != null) legs.add(OrderRole.STOP_LOSS);
        if (trailingStop != null) legs.add(OrderRole.TRAILING_STOP);
        return legs;
    }

    /** The side that closes what this request opens (or, for PROTECTION and EXIT, the request's own side). */
    public Side closingSide() {
        return role == OrderRole.ENTRY ? side.opposite() : side;
    }

    /** The broker-level type of the main order (the OCO wrapper for a two-legged PROTECTION). */
    public OrderType orderType() {
        if (role == OrderRole.PROTECTION) {
            if (takeProfit != null && (stopLoss != null || trailingStop != null)) return OrderType.OCO;
            return takeProfit != null ? OrderType.LIMIT : stopLoss != null ? OrderType.STOP : OrderType.TRAILING_STOP;
        }
        return entryType == EntryType.LIMIT ? OrderType.LIMIT : OrderType.MARKET;
    }
}
