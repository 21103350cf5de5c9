package autotrader.orders.paper;

import autotrader.market.Bar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.orders.Balances;
import autotrader.orders.Broker;
import autotrader.orders.BrokerFill;
import autotrader.orders.BrokerOrder;
import autotrader.orders.BrokerPosition;
import autotrader.orders.OrderRejectedException;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.OrderType;
import autotrader.orders.Side;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A broker simulated on the MarketData port, its book kept in SQLite tables of its own
 * (paper_orders, paper_fills, paper_account, paper_positions), apart from the bot's view and from
 * live state. Orders are worked lazily: every call first plays the bars completed up to the clock's
 * "now" (market time) against the working orders, so a restart simply resumes where the bars are.
 * Whole-quantity fills only; no short selling; a buy that the cash cannot pay is rejected.
 */
public final class PaperBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(PaperBroker.class);
    public static final String ACCOUNT = "paper";

    private final PaperBook book;
    private final MarketData market;
    private final Supplier<Instant> clock;
    private final PaperFillModel model;
    private final Timeframe timeframe;
    private final List<Timeframe> fillTimeframes;

    public PaperBroker(Jdbi jdbi, MarketData market, Supplier<Instant> clock, PaperFillModel model, BigDecimal startingCash, Timeframe timeframe) {
        this.book = new PaperBook(jdbi);
        this.market = market;
        this.clock = clock;
        this.model = model;
        this.timeframe = timeframe;
        this.fillTimeframes = fillTimeframes(timeframe);
        book.openAccount(startingCash);
    }

    @Override
    public String account() {
        return ACCOUNT;
    }

    @Override
    public Optional<String> placementBlockedReason() {
        return Optional.empty();
    }

    @Override
    public Instant now() {
        return clock.get();
    }

    @Override
    public synchronized PlaceResult place(OrderRequest r) {
        Instant now = clock.get();
        process(now);
        if (!market.has(r.symbol())) throw new OrderRejectedException("paper broker: no market data for " + r.symbol());
        long id = book.inTransaction(h -> {
            if (r.role() == OrderRole.PROTECTION) {
                List<OrderRole> legs = r.protectiveLegs();
                if (legs.size() == 1) return insertLeg(h, null, null, r, legs.get(0), "WORKING", now, r.clientOrderId());
                long wrapper = h.insertOrder(null, null, r.clientOrderId(), r.symbol(), r.side(), OrderType.OCO, r.quantity(), null, null, null, "WORKING", now, now);
                for (OrderRole leg : legs) insertLeg(h, wrapper, "oco-" + wrapper, r, leg, "WORKING", now, null);
                return wrapper;
            }
            OrderType type = r.orderType();
            long parent = h.insertOrder(null, null, r.clientOrderId(), r.symbol(), r.side(), type, r.quantity(), r.limitPrice(), null, null, "WORKING", now, now);
            List<OrderRole> legs = r.protectiveLegs();
            String group = legs.size() > 1 ? "oco-" + parent : null;
            if (!legs.isEmpty()) {
                OrderRequest closing = new OrderRequest(r.clientOrderId(), r.intentRef(), OrderRole.PROTECTION, r.symbol(), r.closingSide(),
                        r.quantity(), null, null, r.stopLoss(), r.takeProfit(), r.trailingStop());
                for (OrderRole leg : legs) insertLeg(h, parent, group, closing, leg, "WAITING", now, null);
            }
            return parent;
        });
        log.info("paper order {} placed: {} {} {} {}", id, r.side(), r.quantity(), r.symbol(), r.orderType());
        return PlaceResult.of(Long.toString(id));
    }

    private long insertLeg(PaperBook.Session h, Long parent, String group, OrderRequest closing, OrderRole leg, String status, Instant now, String tag) {
        return switch (leg) {
            case TAKE_PROFIT -> h.insertOrder(parent, group, tag, closing.symbol(), closing.side(), OrderType.LIMIT, closing.quantity(), closing.takeProfit(), null, null, status, now, activeFrom(status, now));
            case STOP_LOSS -> h.insertOrder(parent, group, tag, closing.symbol(), closing.side(), OrderType.STOP, closing.quantity(), null, closing.stopLoss(), null, status, now, activeFrom(status, now));
            case TRAILING_STOP -> h.insertOrder(parent, group, tag, closing.symbol(), closing.side(), OrderType.TRAILING_STOP, closing.quantity(), null, null, closing.trailingStop(), status, now, activeFrom(status, now));
            default -> throw new IllegalArgumentException("not a leg: " + leg);
        };
    }

    private static Instant activeFrom(String status, Instant now) {
        return "WORKING".equals(status) ? now : null;
    }

    @Override
    public synchronized Optional<BrokerOrder> order(String brokerOrderId) {
        process(clock.get());
        long id;
        try {
            id = Long.parseLong(brokerOrderId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return book.read(h -> h.order(id).map(r -> toBroker(h, r)));
    }

    @Override
    public synchronized List<BrokerOrder> orders(Instant from, Instant to) {
        process(clock.get());
        return book.read(h -> h.placedBetween(from, to).stream().map(r -> toBroker(h, r)).toList());
    }

    @Override
    public synchronized void cancel(String brokerOrderId) {
        process(clock.get());
        long id = Long.parseLong(brokerOrderId);
        book.useTransaction(h -> {
            PaperRow r = h.order(id).orElseThrow(() -> new OrderRejectedException("paper broker: no order " + brokerOrderId));
            if (!r.open()) throw new OrderRejectedException("paper broker: order " + id + " is " + r.status + ", not cancelable");
            h.close(id, "CANCELED", "canceled on request", clock.get());
            // Children of a canceled order can never trigger: they go with it (as at Schwab).
            for (PaperRow c : h.children(id)) if (c.open()) h.close(c.id, "CANCELED", "parent canceled", clock.get());
        });
    }

    @Override
    public synchronized List<BrokerPosition> positions() {
        Instant now = clock.get();
        process(now);
        return book.read(PaperBook.Session::positions).stream().map(p -> {
            BigDecimal q = BigDecimal.valueOf(p.quantity());
            return new BrokerPosition(p.symbol(), q, p.avgPrice(), q.multiply(lastPrice(p.symbol(), now, p.avgPrice())));
        }).toList();
    }

    /** Cash from the paper ledger; positions valued at the last completed bar's close; equity is exactly their sum. */
    @Override
    public synchronized Balances balances() {
        List<BrokerPosition> positions = positions();
        BigDecimal cash = book.read(PaperBook.Session::cash);
        BigDecimal value = positions.stream().map(BrokerPosition::marketValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Balances(cash, cash.add(value), value, cash);
    }

    /**
     * The latest close by {@code asOf} on the fill timeframe or a coarser one, whichever bar ended
     * last: a symbol recorded only in 5-minute bars is marked on them when the fills run on 1-minute bars.
     */
    private BigDecimal lastPrice(String symbol, Instant asOf, BigDecimal fallback) {
        Bar latest = null;
        for (Timeframe tf : fillTimeframes) {
            List<Bar> last = market.bars(symbol, tf, asOf, 1);
            if (!last.isEmpty() && (latest == null || last.get(0).end().isAfter(latest.end()))) latest = last.get(0);
        }
        return latest == null ? fallback : PaperFillModel.px(latest.close());
    }

    /**
     * The timeframes a symbol may fill on, finest first: the fill timeframe and the coarser intraday
     * ones (only 1d when the fills run on daily bars). The random-entry baseline fills by the same rule.
     */
    public static List<Timeframe> fillTimeframes(Timeframe fill) {
        List<Timeframe> out = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            if (tf.ordinal() >= fill.ordinal() && (tf.isIntraday() || fill == Timeframe.D1)) out.add(tf);
        }
        return List.copyOf(out);
    }

    /** Plays every bar completed by {@code asOf} against the working orders, in time order per symbol. */
    synchronized void process(Instant asOf) {
        book.useTransaction(h -> {
            Map<String, List<PaperRow>> working = new HashMap<>();
            for (PaperRow r : h.working()) {
                // A trailing leg trails from its parent's fill price, however often the bars are replayed.
                if (r.type == OrderType.TRAILING_STOP && r.parentId != null) {
                    r.extreme = h.fillPrice(r.parentId).orElse(null);
                }
                working.computeIfAbsent(r.symbol, s -> new ArrayList<>()).add(r);
            }
            for (var e : working.entrySet()) processSymbol(h, e.getKey(), e.getValue(), asOf);
        });
    }

    private void processSymbol(PaperBook.Session h, String symbol, List<PaperRow> orders, Instant asOf) {
        Instant from = orders.stream().map(o -> o.activeFrom).min(Comparator.naturalOrder()).orElse(asOf);
        for (Bar bar : barsBetween(symbol, from, asOf)) {
            List<PaperRow> live = new ArrayList<>(orders.stream().filter(o -> o.open() && "WORKING".equals(o.status)).toList());
            live.sort(Comparator.comparingInt(PaperBroker::priority));
            for (PaperRow o : live) {
                if (!o.open() || bar.start().isBefore(o.activeFrom)) continue;
                PaperFillModel.Working w = new PaperFillModel.Working(o.type, o.side, o.limit, o.stop, o.trail);
                Optional<BigDecimal> price = model.fillPrice(w, bar, o.extreme);
                if (price.isPresent()) {
                    fill(h, o, price.get(), bar, orders);
                } else if (o.type == OrderType.TRAILING_STOP) {
                    o.extreme = model.nextExtreme(o.side, o.extreme, bar);
                }
            }
        }
    }

    /** Market orders first (they take the open), then stops (the conservative choice when a bar touches both legs), then limits. */
    private static int priority(PaperRow o) {
        return switch (o.type) {
            case MARKET -> 0;
            case STOP, TRAILING_STOP -> 1;
            default -> 2;
        };
    }

    /**
     * The bars from {@code from} to {@code asOf} on the finest timeframe, from the fill timeframe up, that
     * has any for this symbol: the fills run on 1-minute bars where a symbol has them, and on its
     * 5-minute bars where it was recorded only in those (an order must never wait forever for bars
     * its symbol does not have).
     */
    private List<Bar> barsBetween(String symbol, Instant from, Instant asOf) {
        if (!from.isBefore(asOf)) return List.of();
        for (Timeframe tf : fillTimeframes) {
            long count = Duration.between(from, asOf).toMinutes() / Math.max(1, tf.nominal().toMinutes()) + 2;
            List<Bar> bars = market.bars(symbol, tf, asOf, (int) Math.min(count, 20_000)).stream().filter(b -> !b.start().isBefore(from)).toList();
            if (!bars.isEmpty()) return bars;
        }
        return List.of();
    }

    private void fill(PaperBook.Session h, PaperRow o, BigDecimal price, Bar bar, List<PaperRow> sameSymbol) {
        Instant at = bar.start().isBefore(o.activeFrom) ? o.activeFrom : bar.start();
        BigDecimal commission = model.commission(o.quantity);
        BigDecimal cash = h.cash();
        long held = h.held(o.symbol);
        BigDecimal notional = price.multiply(BigDecimal.valueOf(o.quantity));
        if (o.side == Side.BUY && notional.add(commission).compareTo(cash) > 0) {
            h.close(o.id, "REJECTED", "insufficient cash: needs " + notional.add(commission) + ", has " + cash, at);
            o.status = "REJECTED";
            return;
        }
        if (o.side == Side.SELL && o.quantity > held) {
            h.close(o.id, "REJECTED", "no short selling on the paper broker: sell " + o.quantity + ", holding " + held, at);
            o.status = "REJECTED";
            return;
        }
        h.insertFill(o.id, o.symbol, o.side, o.quantity, price, commission, at);
        BigDecimal newCash = o.side == Side.BUY ? cash.subtract(notional).subtract(commission) : cash.add(notional).subtract(commission);
        h.setCash(newCash);
        movePosition(h, o.symbol, o.side == Side.BUY ? o.quantity : -o.quantity, price);
        h.markFilled(o.id, o.quantity, price, at);
        o.status = "FILLED";
        log.info("paper fill: order {} {} {} {} @ {} (commission {})", o.id, o.side, o.quantity, o.symbol, price, commission);
        // The bracket legs wake up from the next bar on (never on the bar that filled their parent: its path inside the bar is unknown).
        for (PaperRow c : h.children(o.id)) {
            if (!"WAITING".equals(c.status)) continue;
            h.activate(c.id, bar.end());
            c.status = "WORKING";
            c.activeFrom = bar.end();
            if (c.type == OrderType.TRAILING_STOP) c.extreme = price;
            sameSymbol.add(c);
        }
        if (o.ocoGroup != null) {
            for (PaperRow s : sameSymbol) {
                if (s.id != o.id && o.ocoGroup.equals(s.ocoGroup) && s.open()) {
                    h.close(s.id, "CANCELED", "OCO: order " + o.id + " filled", at);
                    s.status = "CANCELED";
                }
            }
            h.cancelOcoSiblings(o.ocoGroup, o.id, "OCO: order " + o.id + " filled", at);
            if (o.parentId != null) {
                h.fillOcoWrapper(o.parentId, at);
            }
        }
    }

    private static void movePosition(PaperBook.Session h, String symbol, long signed, BigDecimal price) {
        Optional<PaperBook.Holding> cur = h.position(symbol);
        long oldQty = cur.map(PaperBook.Holding::quantity).orElse(0L);
        BigDecimal oldAvg = cur.map(PaperBook.Holding::avgPrice).orElse(BigDecimal.ZERO);
        long newQty = oldQty + signed;
        if (newQty == 0) {
            h.deletePosition(symbol);
            return;
        }
        BigDecimal avg = signed > 0
                ? oldAvg.multiply(BigDecimal.valueOf(oldQty)).add(price.multiply(BigDecimal.valueOf(signed))).divide(BigDecimal.valueOf(newQty), 4, RoundingMode.HALF_UP)
                : oldAvg;
        h.putPosition(symbol, newQty, avg);
    }

    private BrokerOrder toBroker(PaperBook.Session h, PaperRow r) {
        List<BrokerFill> fills = h.fillsOf(r.id);
        List<BrokerOrder> kids = h.children(r.id).stream().map(c -> toBroker(h, c)).toList();
        OrderState state = switch (r.status) {
            case "WAITING" -> OrderState.WAITING;
            case "FILLED" -> OrderState.FILLED;
            case "CANCELED" -> OrderState.CANCELED;
            case "REJECTED" -> OrderState.REJECTED;
            default -> OrderState.SUBMITTED;
        };
        String raw = r.status + (r.reason == null ? "" : " (" + r.reason + ")");
        return new BrokerOrder(Long.toString(r.id), r.symbol, r.side, r.quantity, r.type, r.limit, r.stop, state, raw,
                r.filled, r.placedAt, r.tag, fills, kids);
    }

    /** A paper_orders row, mutable while one processing pass works on it. */
    static final class PaperRow {
        long id;
        Long parentId;
        String ocoGroup, tag, symbol, status, reason;
        Side side;
        OrderType type;
        long quantity, filled;
        BigDecimal limit, stop, trail, extreme;
        Instant placedAt, activeFrom;

        boolean open() {
            return "WORKING".equals(status) || "WAITING".equals(status);
        }
    }
}
