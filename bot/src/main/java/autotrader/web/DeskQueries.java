package autotrader.web;

import autotrader.approvals.IntentRepository;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.PendingIntent;
import autotrader.market.MarketCalendar;
import autotrader.orders.Balances;
import autotrader.orders.OrderRepository;
import autotrader.orders.OrderRepository.EquityPoint;
import autotrader.orders.StoredOrder;
import autotrader.rules.RejectedSignal;
import autotrader.rules.TradingGate;
import autotrader.store.SchwabStatusRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The desk's read-outs as JSON, from the same tables and services as the chat commands: the latest
 * cycle's decisions with the intents the rules made of them, positions valued at the last price,
 * orders, P&L and the equity curve, and the daemon's health.
 */
final class DeskQueries {

    /** The curve is thinned to about this many points: enough for a chart, small enough to poll. */
    static final int MAX_CURVE_POINTS = 1000;

    private final Desk desk;
    private final IntentRepository intents;
    private final RecentReads recent = new RecentReads();

    DeskQueries(Desk desk) {
        this.desk = desk;
        this.intents = new IntentRepository(desk.store().jdbi());
    }

    /**
     * The latest cycle's decisions, best confidence first, each in the design's decision shape plus
     * {@code intent} (what the rules made of it, with its approval state) and {@code rejection} (why
     * the rules turned it down, when this process ran that cycle), both null when unknown or none.
     */
    ObjectNode signals(String decision, int limit) {
        List<ObjectNode> decisions = new ArrayList<>();
        for (String json : desk.store().decisions().latestCycle()) decisions.add(parse(json));
        ObjectNode out = Json.object();
        out.put("source", desk.market().name());
        out.put("simulated", desk.market().simulated());
        ArrayNode list = Json.MAPPER.createArrayNode();
        if (decisions.isEmpty()) {
            putTrading(out, gate());
            out.putNull("as_of");
            out.put("decisions", 0);
            out.put("count", 0);
            out.set("signals", list);
            return out;
        }
        Instant asOf = Instant.parse(decisions.get(0).path("as_of").asText());
        Map<String, StoredIntent> made = intentsSince(asOf);
        CycleTrigger.CycleRun run = desk.cycles() == null ? null : desk.cycles().latest();
        boolean rulesKnown = run != null && run.asOf().equals(asOf) && run.evaluation() != null;
        TradingGate gate = gate();
        for (ObjectNode d : decisions) {
            if (decision != null && !decision.equals(d.path("decision").asText())) continue;
            if (list.size() >= limit) break;
            String symbol = d.path("symbol").asText();
            list.add(withEvidence(withRules(d, made.get(symbol), rulesKnown ? run.evaluation().rejectionOf(symbol) : null), gate));
        }
        putTrading(out, gate);
        out.put("as_of", asOf.toString());
        out.put("decisions", decisions.size());
        out.put("count", list.size());
        out.set("signals", list);
        return out;
    }

    /** The latest decision about one symbol, from whichever cycle made it, with its intent. */
    ObjectNode signal(String symbol) {
        String json = desk.store().decisions().latestFor(symbol)
                .orElseThrow(() -> ApiError.notFound("no decision about " + symbol + " has been stored (it was never a candidate)"));
        ObjectNode d = parse(json);
        Instant asOf = Instant.parse(d.path("as_of").asText());
        // Intents come from decisions: any intent for this symbol since this decision came from it.
        StoredIntent intent = intentsSince(asOf).get(symbol);
        CycleTrigger.CycleRun run = desk.cycles() == null ? null : desk.cycles().latest();
        RejectedSignal rejected = run != null && run.asOf().equals(asOf) && run.evaluation() != null
                ? run.evaluation().rejectionOf(symbol) : null;
        return withEvidence(withRules(d, intent, rejected), gate());
    }

    /** The daemon's trading gate; a rules failure while asking is reported as unknown rather than failing the read. */
    private TradingGate gate() {
        try {
            return desk.trading().get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code evidence}: the model's out-of-sample record for BUY calls at this confidence ("such trades won 58 % of
     * 412 out of sample, ..."), on BUY rows (the record is of BUY calls); null on others and where no model runs here.
     */
    private static ObjectNode withEvidence(ObjectNode d, TradingGate gate) {
        if (gate == null || !"BUY".equals(d.path("decision").asText())) d.putNull("evidence");
        else d.put("evidence", gate.evidence(d.path("confidence").asDouble(Double.NaN)));
        return d;
    }

    /** {@code trading}: {allowed, line}; allowed is null when no trading loop runs in this process. */
    static void putTrading(ObjectNode out, TradingGate gate) {
        ObjectNode t = out.putObject("trading");
        if (gate == null) t.putNull("allowed");
        else t.put("allowed", gate.trading());
        t.put("line", TradingGate.line(gate));
    }

    private Map<String, StoredIntent> intentsSince(Instant asOf) {
        Map<String, StoredIntent> bySymbol = new HashMap<>();
        for (StoredIntent s : intents.createdSince(desk.account(), asOf)) bySymbol.put(s.intent().symbol(), s);   // oldest first: the latest wins
        return bySymbol;
    }

    private ObjectNode withRules(ObjectNode decision, StoredIntent intent, RejectedSignal rejected) {
        decision.set("intent", intent == null ? null : intent(intent));
        if (rejected == null || intent != null) {
            decision.putNull("rejection");
        } else {
            ObjectNode r = decision.putObject("rejection");
            r.put("reason", rejected.reason());
            r.put("rule", rejected.rule());
        }
        return decision;
    }

    /** An intent with its approval state and, once approved, its entry order's state (an approval says SUBMITTED; the order may have filled since). */
    ObjectNode intent(StoredIntent s) {
        PendingIntent p = s.intent();
        ObjectNode o = Json.object();
        o.put("id", p.intentId());
        o.put("status", s.status().name());
        o.put("symbol", p.symbol());
        o.put("side", p.side());
        o.put("quantity", p.quantity());
        o.put("entry_type", p.entryType());
        Json.put(o, "entry_price", p.entryPrice());
        Json.put(o, "limit_price", p.limitPrice());
        Json.put(o, "stop_loss", p.stopLoss());
        Json.put(o, "take_profit", p.takeProfit());
        Json.put(o, "trailing_stop_pct", p.trailingStopPct());
        if (p.holdBars() > 0) {
            o.put("hold_bars", p.holdBars());
            o.put("hold_timeframe", p.holdTimeframe());
        }
        Json.put(o, "position_value", Json.round(p.positionValue(), 2));
        Json.put(o, "risk_amount", Double.isFinite(p.stopLoss()) ? Json.round(p.riskAmount(), 2) : Double.NaN);
        Json.put(o, "confidence", p.confidence());
        Json.put(o, "expected_return", p.expectedReturn());
        o.put("risk_score", p.riskScore());
        o.put("time_horizon", p.timeHorizon());
        Json.put(o, "signal_price", p.signalPrice());
        Json.put(o, "created_at", p.createdAt());
        Json.put(o, "expires_at", p.expiresAt());
        o.put("decided_by", s.decidedBy());
        Json.put(o, "decided_at", s.decidedAt());
        o.put("outcome", s.outcome() == null ? null : s.outcome().name());
        o.put("outcome_detail", s.outcomeDetail());
        if (s.orderId() == null) {
            o.putNull("order_id");
            o.putNull("order_state");
            o.putNull("avg_fill_price");
        } else {
            StoredOrder order = desk.orders().repository().get(s.orderId());
            o.put("order_id", s.orderId());
            o.put("order_state", order.state().name());
            Json.put(o, "avg_fill_price", order.avgFillPrice());
        }
        o.put("rules_version", s.rulesVersion());
        ArrayNode fired = o.putArray("fired_rules");
        p.firedRules().forEach(fired::add);
        return o;
    }

    /** The bot's positions valued at the last price known at market time now. */
    ObjectNode positions() {
        Instant now = desk.marketClock().instant();
        ObjectNode out = Json.object();
        Json.put(out, "as_of", now);
        out.put("paused", desk.orders().flags().paused());
        ArrayNode list = out.putArray("positions");
        BigDecimal total = BigDecimal.ZERO, value = BigDecimal.ZERO;
        boolean allPriced = true;
        for (OrderRepository.BookPosition p : desk.orders().repository().positions(desk.account())) {
            ObjectNode o = list.addObject();
            o.put("symbol", p.symbol());
            o.put("quantity", p.quantity());
            o.put("avg_price", p.avgPrice());
            OptionalDouble last = recent.get("price " + p.symbol(), now, () -> desk.lastPrice().at(p.symbol(), now));
            if (last.isEmpty()) {
                allPriced = false;
                o.putNull("last_price");
                o.putNull("market_value");
                o.putNull("unrealized_pnl");
                o.putNull("unrealized_pnl_pct");
                continue;
            }
            BigDecimal px = BigDecimal.valueOf(last.getAsDouble());
            BigDecimal qty = BigDecimal.valueOf(p.quantity());
            BigDecimal pnl = px.subtract(p.avgPrice()).multiply(qty).setScale(2, RoundingMode.HALF_UP);
            o.put("last_price", px.setScale(4, RoundingMode.HALF_UP));
            o.put("market_value", px.multiply(qty).setScale(2, RoundingMode.HALF_UP));
            o.put("unrealized_pnl", pnl);
            Json.put(o, "unrealized_pnl_pct", p.avgPrice().signum() == 0 ? Double.NaN
                    : Json.round((last.getAsDouble() / p.avgPrice().doubleValue() - 1) * Math.signum(p.quantity()) * 100, 3));
            total = total.add(pnl);
            value = value.add(px.multiply(qty));
        }
        out.put("unrealized_pnl", total.setScale(2, RoundingMode.HALF_UP));
        out.put("market_value", value.setScale(2, RoundingMode.HALF_UP));
        out.put("all_priced", allPriced);
        return out;
    }

    /** The latest orders of the current mode's account, bracket legs included, newest first. */
    ObjectNode orders(int limit) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("orders");
        for (StoredOrder o : desk.orders().repository().all(desk.account(), limit)) {
            ObjectNode n = list.addObject();
            n.put("id", o.id());
            if (o.parentId() == null) n.putNull("parent_id");
            else n.put("parent_id", o.parentId());
            n.put("intent_ref", o.intentRef());
            n.put("symbol", o.symbol());
            n.put("side", o.side().name());
            n.put("quantity", o.quantity());
            n.put("type", o.orderType().name());
            n.put("role", o.role().name());
            n.put("state", o.state().name());
            Json.put(n, "limit_price", o.limitPrice());
            Json.put(n, "stop_price", o.stopPrice());
            Json.put(n, "stop_loss", o.stopLoss());
            Json.put(n, "take_profit", o.takeProfit());
            n.put("filled_quantity", o.filledQuantity());
            Json.put(n, "avg_fill_price", o.avgFillPrice());
            n.put("broker_order_id", o.brokerOrderId());
            Json.put(n, "created_at", o.createdAt());
            Json.put(n, "updated_at", o.updatedAt());
        }
        out.put("count", list.size());
        return out;
    }

    /**
     * Equity now (from the broker) and the change since the first snapshot of today, this week and ever
     * (market-time periods, as Telegram's /pnl); the curve itself is {@link #equity}.
     */
    ObjectNode pnl() {
        Balances b;
        try {
            b = balances();
        } catch (RuntimeException e) {
            throw new ApiError(503, "P&L unavailable: the " + desk.mode() + " broker's balances cannot be read: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("equity", b.equity());
        out.put("cash", b.cash());
        Json.put(out, "positions_value", b.positionsValue());
        Json.put(out, "buying_power", b.buyingPower());
        ObjectNode periods = out.putObject("periods");
        LocalDate today = desk.marketClock().instant().atZone(MarketCalendar.NEW_YORK).toLocalDate();
        period(periods, "today", today.atStartOfDay(MarketCalendar.NEW_YORK).toInstant(), b.equity());
        period(periods, "week", today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(MarketCalendar.NEW_YORK).toInstant(),
                b.equity());
        period(periods, "all", Instant.EPOCH, b.equity());
        return out;
    }

    /**
     * The account's equity curve on a time axis: the snapshots the reconciler stores on every run (market
     * time: on the sim, simulated time), from {@code since} (null: all), thinned to about
     * {@link #MAX_CURVE_POINTS}. {@code t} is Unix seconds, what the page's chart plots.
     */
    ObjectNode equity(Instant since) {
        List<EquityPoint> all = desk.orders().repository().equityCurve(desk.account());
        // Sorted by time: a chart's x values must rise (snapshots are stored in the order taken, which is nearly always the same).
        List<EquityPoint> curve = all.stream().filter(p -> since == null || !p.at().isBefore(since))
                .sorted(Comparator.comparing(EquityPoint::at)).toList();
        ObjectNode out = Json.object();
        out.put("account", desk.account());
        out.put("source", desk.market().name());
        out.put("simulated", desk.market().simulated());
        out.put("snapshots", curve.size());
        ArrayNode points = out.putArray("points");
        for (EquityPoint p : thin(curve, MAX_CURVE_POINTS)) {
            ObjectNode n = points.addObject();
            n.put("t", p.at().getEpochSecond());
            n.put("at", p.at().toString());
            n.put("equity", p.equity());
        }
        return out;
    }

    private void period(ObjectNode periods, String name, Instant from, BigDecimal now) {
        Optional<BigDecimal> start = desk.orders().repository().equitySince(desk.account(), from);
        if (start.isEmpty()) {
            periods.putNull(name);
            return;
        }
        ObjectNode o = periods.putObject(name);
        BigDecimal change = now.subtract(start.get());
        o.put("start_equity", start.get());
        o.put("change", change.setScale(2, RoundingMode.HALF_UP));
        Json.put(o, "change_pct", start.get().signum() == 0 ? Double.NaN : Json.round(change.doubleValue() / start.get().doubleValue() * 100, 3));
    }

    /** Every k-th point and always the last, so the chart keeps its shape and its latest value. */
    static <T> List<T> thin(List<T> points, int max) {
        if (points.size() <= max) return points;
        int step = (int) Math.ceil(points.size() / (double) max);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i += step) out.add(points.get(i));
        if (!out.get(out.size() - 1).equals(points.get(points.size() - 1))) out.add(points.get(points.size() - 1));
        return out;
    }

    /** Mode, market source, clock, last cycle, rules version, and whether the parts the desk relies on answer. */
    ObjectNode health() {
        ObjectNode out = Json.object();
        List<String> problems = new ArrayList<>();
        out.put("mode", desk.mode());
        out.put("paper", "paper".equalsIgnoreCase(desk.mode()));
        ObjectNode market = out.putObject("market");
        market.put("source", desk.market().name());
        market.put("simulated", desk.market().simulated());
        ObjectNode clock = out.putObject("clock");
        Json.put(clock, "now", desk.marketClock().instant());
        clock.put("runs", desk.clockLabel());
        try {
            var last = desk.store().jdbi().withHandle(h -> h.createQuery("""
                            SELECT as_of, count(*) AS n, sum(decision = 'BUY') AS buys FROM decisions
                            WHERE as_of = (SELECT as_of FROM decisions ORDER BY id DESC LIMIT 1) GROUP BY as_of""")
                    .map((rs, c) -> {
                        ObjectNode o = Json.object();
                        o.put("as_of", rs.getString("as_of"));
                        o.put("decisions", rs.getInt("n"));
                        o.put("buys", rs.getInt("buys"));
                        return o;
                    }).findOne());
            out.set("last_cycle", last.orElse(null));
            out.put("pending_intents", desk.approvals().pending().size());
            out.put("paused", desk.orders().flags().paused());
        } catch (RuntimeException e) {
            problems.add("state database: " + e.getMessage());
        }
        out.put("cycles", desk.cycles() != null ? "enabled" : "scan only (no trained ensemble)");
        // Not a problem of the desk (it answers): the rules refusing the model's BUYs is the trader's state, shown in the header.
        try {
            putTrading(out, desk.trading().get());
        } catch (RuntimeException e) {
            ObjectNode t = out.putObject("trading");
            t.putNull("allowed");
            t.put("line", "trading: unknown — the rules could not be asked: " + e.getMessage());
        }
        String rules = desk.rulesVersion().get();
        out.put("rules_version", rules);
        if (rules == null) problems.add("rules: no rules loaded");
        // A refused edit is not "ok": the trader's last change is not in force until a good edit lands.
        var rulesState = DeskControls.rulesState(desk);
        if (rulesState != null) {
            out.set("rules", DeskControls.rulesJson(rulesState));
            if (rulesState.isRefused()) problems.add("rules REFUSED (still running " + rulesState.version() + "): " + rulesState.refused().replace("\n", "; "));
        }
        try {
            balances();
        } catch (RuntimeException e) {
            problems.add(desk.mode() + " broker: " + e.getMessage());
        }
        // The Schwab stream as the daemon last wrote it; stopped (LOGIN denied) needs the trader, down is retried by itself.
        new SchwabStatusRepository(desk.store().jdbi()).load().ifPresent(s -> {
            out.set("schwab", s.toJson());
            if ("STOPPED".equals(s.phase())) problems.add("schwab stream STOPPED: " + s.reason());
        });
        out.put("status", problems.isEmpty() ? "ok" : "degraded");
        ArrayNode p = out.putArray("problems");
        problems.forEach(p::add);
        return out;
    }

    private Balances balances() {
        return recent.get("balances", desk.marketClock().instant(), () -> desk.orders().broker().balances());
    }

    private static ObjectNode parse(String json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (!(n instanceof ObjectNode o)) throw new IllegalStateException("a stored decision is not a JSON object: " + json);
            return o;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
