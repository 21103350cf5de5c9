package autotrader.web;

import autotrader.orders.OrderManager;
import autotrader.orders.OrderRepository;
import autotrader.orders.StoredOrder;
import autotrader.orders.TradeHistory;
import autotrader.orders.TradeHistory.ClosedTrade;
import autotrader.orders.TradeStats;
import autotrader.rules.RuleEngine;
import autotrader.rules.RulesState;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static autotrader.market.MarketCalendar.NEW_YORK;

/**
 * The trader's controls on the desk (pause, resume, flatten, close one position, reload the rules)
 * and the closed-trade read-outs. The same services as Telegram's commands and the CLI: the control
 * flags, {@link OrderManager#flatten}/{@link OrderManager#close}, {@link TradeHistory}, the daemon's
 * {@link RuleEngine}. Every change is audited with the caller ({@code rest:<address>}).
 */
final class DeskControls {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.\\-]{0,11}");

    private final Desk desk;
    private final TradeHistory history;

    DeskControls(Desk desk) {
        this.desk = desk;
        this.history = new TradeHistory(desk.store().jdbi());
    }

    void pause(Context ctx) {
        setPaused(ctx, true);
    }

    void resume(Context ctx) {
        setPaused(ctx, false);
    }

    private void setPaused(Context ctx, boolean paused) {
        String actor = BearerAuth.actor(ctx);
        desk.orders().flags().setPaused(paused, actor);
        desk.store().audit(actor, paused ? "web.pause" : "web.resume", null);
        ObjectNode o = Json.object();
        o.put("paused", desk.orders().flags().paused());
        ctx.json(o);
    }

    void flatten(Context ctx) {
        String actor = BearerAuth.actor(ctx);
        OrderManager.FlattenResult r = desk.orders().flatten(actor);
        desk.store().audit(actor, "web.flatten", r.canceled().size() + " canceled, " + r.exits().size() + " exits, " + r.problems());
        ObjectNode o = result(r);
        o.put("paused", true);
        ctx.json(o);
    }

    void close(Context ctx) {
        String raw = ctx.pathParam("symbol");
        String symbol = raw.trim().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(symbol).matches()) throw ApiError.badRequest("'" + raw + "' is not a stock symbol (letters, digits, '.' or '-')");
        boolean held = desk.orders().repository().positions(desk.account()).stream().map(OrderRepository.BookPosition::symbol)
                .anyMatch(symbol::equals);
        if (!held) throw ApiError.notFound("no open position in " + symbol);
        String actor = BearerAuth.actor(ctx);
        OrderManager.FlattenResult r = desk.orders().close(symbol, actor);
        desk.store().audit(actor, "web.close", symbol + ": " + r.canceled().size() + " canceled, " + r.exits().size() + " exits, " + r.problems());
        ObjectNode o = result(r);
        o.put("symbol", symbol);
        ctx.json(o);
    }

    private static ObjectNode result(OrderManager.FlattenResult r) {
        ObjectNode o = Json.object();
        o.put("ok", r.problems().isEmpty());
        ArrayNode c = o.putArray("canceled");
        r.canceled().forEach(c::add);
        ArrayNode exits = o.putArray("exits");
        for (StoredOrder e : r.exits()) {
            ObjectNode x = exits.addObject();
            x.put("id", e.id());
            x.put("symbol", e.symbol());
            x.put("side", e.side().name());
            x.put("quantity", e.quantity());
            x.put("state", e.state().name());
        }
        ArrayNode p = o.putArray("problems");
        r.problems().forEach(p::add);
        return o;
    }

    void reload(Context ctx) {
        RuleEngine engine = desk.rules();
        if (engine == null) throw ApiError.conflict("no rules engine runs in this process: nothing to reload");
        RuleEngine.ReloadOutcome outcome = engine.reload();
        desk.store().audit(BearerAuth.actor(ctx), "web.reload", outcome + " " + engine.version().label());
        ObjectNode o = rulesJson(engine.state());
        o.put("outcome", outcome.name());
        if (outcome == RuleEngine.ReloadOutcome.REFUSED) {
            throw new ApiError(422, "rules REFUSED, still running " + engine.version().label() + ": " + engine.state().refused(), o);
        }
        ctx.json(o);
    }

    /** The rules state: the engine's when it runs here, else what the daemon stored; null when neither knows. */
    static RulesState rulesState(Desk desk) {
        return desk.view().rules().orElse(null);
    }

    static ObjectNode rulesJson(RulesState s) {
        ObjectNode o = Json.object();
        o.put("version", s.version());
        o.put("state", s.isRefused() ? "REFUSED" : "ok");
        o.put("refused", s.refused());
        Json.put(o, "since", s.at());
        return o;
    }

    void trades(Context ctx) {
        int limit = DeskApi.intParam(ctx, "limit", 50, 1, 1000);
        List<ClosedTrade> all = history.closed(desk.account());
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("trades");
        for (ClosedTrade t : all.stream().limit(limit).toList()) {
            ObjectNode n = list.addObject();
            n.put("symbol", t.symbol());
            n.put("side", t.side().name());
            n.put("quantity", t.quantity());
            Json.put(n, "entry_price", t.entryPrice());
            Json.put(n, "exit_price", t.exitPrice());
            Json.put(n, "opened_at", t.openedAt());
            Json.put(n, "closed_at", t.closedAt());
            n.put("entry_order_id", t.entryOrderId());
            ArrayNode exits = n.putArray("exit_order_ids");
            t.exitOrderIds().forEach(exits::add);
            Json.put(n, "commission", t.commission());
            Json.put(n, "pnl", t.pnl());
            Json.put(n, "pnl_pct", Json.round(t.pnlPct(), 3));
        }
        o.put("count", list.size());
        o.put("closed_trades", all.size());
        ctx.json(o);
    }

    void profit(Context ctx) {
        List<ClosedTrade> all = history.closed(desk.account());
        LocalDate today = desk.marketClock().instant().atZone(NEW_YORK).toLocalDate();
        Map<LocalDate, TradeStats.Sum> days = TradeStats.byDay(all, NEW_YORK), weeks = TradeStats.byWeek(all, NEW_YORK);
        ObjectNode o = Json.object();
        o.set("today", sum(days.getOrDefault(today, TradeStats.total(List.of()))));
        o.set("week", sum(weeks.getOrDefault(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), TradeStats.total(List.of()))));
        o.set("all", sum(TradeStats.total(all)));
        ArrayNode d = o.putArray("days");
        days.forEach((date, s) -> sum(d.addObject().put("date", date.toString()), s));
        ArrayNode w = o.putArray("weeks");
        weeks.forEach((monday, s) -> sum(w.addObject().put("week_of", monday.toString()), s));
        ctx.json(o);
    }

    void performance(Context ctx) {
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("symbols");
        TradeStats.bySymbol(history.closed(desk.account())).forEach((symbol, s) -> sum(list.addObject().put("symbol", symbol), s));
        ctx.json(o);
    }

    private static ObjectNode sum(TradeStats.Sum s) {
        return sum(Json.object(), s);
    }

    private static ObjectNode sum(ObjectNode o, TradeStats.Sum s) {
        o.put("trades", s.trades());
        o.put("wins", s.wins());
        Json.put(o, "win_rate_pct", Json.round(s.winRatePct(), 1));
        Json.put(o, "pnl", s.pnl());
        return o;
    }
}
