package autotrader.backtest;

import autotrader.market.Bar;
import autotrader.market.MarketCalendar;
import autotrader.market.MarketData;
import autotrader.market.Timeframe;
import autotrader.orders.OrderType;
import autotrader.orders.Side;
import autotrader.orders.paper.PaperFillModel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baselines' book: market orders decided at a close and filled at the next session's open with
 * the paper broker's own fill model (same slippage and commission as the strategy). Sells are
 * filled before buys at the same open; a buy is cut down to what the cash pays. Long only.
 */
public final class BaselinePortfolio {

    public record Order(String symbol, Side side, long quantity) {
    }

    private final MarketData market;
    private final MarketCalendar calendar;
    private final PaperFillModel model;
    private double cash;
    private final Map<String, Long> held = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private long nextId = 1;

    public BaselinePortfolio(MarketData market, MarketCalendar calendar, PaperFillModel model, double cash) {
        this.market = market;
        this.calendar = calendar;
        this.model = model;
        this.cash = cash;
    }

    /** The day's bar of a symbol, or null when it did not trade that day. */
    private Bar dayBar(String symbol, LocalDate day) {
        List<Bar> b = market.bars(symbol, Timeframe.D1, calendar.closeInstant(day), 1);
        if (b.isEmpty() || !calendar.dateAt(b.get(0).start()).equals(day)) return null;
        return b.get(0);
    }

    /** The open price a market order of this side would get on {@code day}, costs included; NaN when the symbol did not trade. */
    public double fillPrice(String symbol, Side side, LocalDate day) {
        Bar bar = dayBar(symbol, day);
        if (bar == null) return Double.NaN;
        return model.fillPrice(new PaperFillModel.Working(OrderType.MARKET, side, null, null, null), bar, null).orElseThrow().doubleValue();
    }

    /** Fills orders decided at the previous close at {@code day}'s open: sells first. Orders for symbols without a bar that day are dropped. */
    public void execute(List<Order> orders, LocalDate day) {
        List<Order> sorted = new ArrayList<>(orders);
        sorted.sort(Comparator.comparing((Order o) -> o.side() == Side.BUY));
        Instant placed = calendar.closeInstant(calendar.previousTradingDay(day));
        for (Order o : sorted) {
            double px = fillPrice(o.symbol(), o.side(), day);
            if (!Double.isFinite(px)) continue;
            long qty = o.quantity();
            if (o.side() == Side.SELL) qty = Math.min(qty, held.getOrDefault(o.symbol(), 0L));
            else while (qty > 0 && qty * px + model.commission(qty).doubleValue() > cash) qty--;
            if (qty <= 0) continue;
            double commission = model.commission(qty).doubleValue();
            cash += (o.side() == Side.BUY ? -qty * px : qty * px) - commission;
            long left = held.getOrDefault(o.symbol(), 0L) + (o.side() == Side.BUY ? qty : -qty);
            if (left == 0) held.remove(o.symbol());
            else held.put(o.symbol(), left);
            fills.add(new Fill(nextId++, o.symbol(), o.side(), qty, px, commission, calendar.openInstant(day), placed, "MARKET"));
        }
    }

    /** Cash plus every holding at {@code day}'s close (the last close before it when a symbol did not trade that day). */
    public double equity(LocalDate day) {
        return cash + positionsValue(day);
    }

    public double positionsValue(LocalDate day) {
        double v = 0;
        for (var e : held.entrySet()) {
            List<Bar> b = market.bars(e.getKey(), Timeframe.D1, calendar.closeInstant(day), 1);
            if (!b.isEmpty()) v += e.getValue() * b.get(0).close();
        }
        return v;
    }

    public double cash() {
        return cash;
    }

    /**
     * The holdings in the order they were bought. Not Map.copyOf: its iteration order changes from one
     * JVM to the next, and the scanner baseline sells in this order, so the cash summed in another order
     * and its equity curve moved by a cent between two runs of the same backtest.
     */
    public Map<String, Long> held() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(held));
    }

    public List<Fill> fills() {
        return List.copyOf(fills);
    }
}
