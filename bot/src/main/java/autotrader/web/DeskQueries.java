package autotrader.web;

import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.PendingIntent;
import autotrader.approvals.TraderCommands.PnlPeriod;
import autotrader.orders.Balances;
import autotrader.orders.OrderRepository.EquityPoint;
import autotrader.orders.StoredOrder;
import autotrader.rules.RejectedSignal;
import autotrader.rules.TradingGate;
import autotrader.view.Book;
import autotrader.view.PeriodPnl;
import autotrader.view.PositionValue;
import autotrader.view.TraderView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The desk's read-outs as JSON, formatting what {@link TraderView} reads (the chat commands and `status` format the
 * same records): the latest
 * cycle's decisions with the intents the rules made of them, positions valued at the last price,
 * orders, P&L and the equity curve, and the daemon's health.
 */
final class DeskQueries {

    /** The curve is thinned to about this many points: enough for a chart, small enough to poll. */
    static final int MAX_CURVE_POINTS = 1000;

    private final Desk desk;
    private final RecentReads recent = new RecentReads();
    /** Last prices and balances kept a few seconds ({@link RecentReads}): an open page polls. */
    private final TraderView view;

    DeskQueries(Desk desk) {
        this.desk = desk;
        this.view = desk.view().readingThrough((symbol, at) -> recent.get("price " + symbol, at, () -> desk.lastPrice().at(symbol, at)),
                () -> recent.get("balances", desk.marketClock().instant(), () -> desk.orders().broker().balances()));
    }

    /**
     * The latest cycle's decisions, best confidence first, each in the design's decision shape plus
     * {@code intent} (what the rules made of it, with its approval state) and {@code rejection} (why
     * the rules turned it down, when this process ran that cycle), both null when unknown or none.
     */
    ObjectNode signals(String decision, int limit) {
        List<ObjectNode> decisions = new ArrayList<>();
        for (String json : view.latestDecisions()) decisions.add(parse(json));
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
        Map<String, StoredIntent> made = view.intentsSince(asOf);
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
        String json = view.latestDecision(symbol)
                .orElseThrow(() -> ApiError.notFound("no decision about " + symbol + " has been stored (it was never a candidate)"));
        ObjectNode d = parse(json);
        Instant asOf = Instant.parse(d.path("as_of").asText());
        // Intents come from decisions: any intent for this symbol since this decision came from it.
        StoredIntent intent = view.intentsSince(asOf).get(symbol);
        CycleTrigger.CycleRun run = desk.cycles() == null ? null : desk.cycles().latest();
        RejectedSignal rejected = run != null && run.asOf().equals(asOf) && run.evaluation() != null
                ? run.evaluation().rejectionOf(symbol) : null;
        return withEvidence(withRules(d, intent, rejected), gate());
    }

    /** The daemon's trading gate; a rules failure while asking is reported as unknown rather than failing the read. */
    private TradingGate gate() {
        try {
            return view.gate();
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
            StoredOrder order = view.order(s.orderId());
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
        Book book = view.positions();
        ObjectNode out = Json.object();
        Json.put(out, "as_of", book.asOf());
        out.put("paused", book.paused());
        ArrayNode list = out.putArray("positions");
        for (PositionValue p : book.positions()) {
            ObjectNode o = list.addObject();
            o.put("symbol", p.symbol());
            o.put("quantity", p.quantity());
            o.put("avg_price", p.avgPrice());
            if (!p.priced()) {
                o.putNull("last_price");
                o.putNull("market_value");
                o.putNull("unrealized_pnl");
                o.putNull("unrealized_pnl_pct");
                continue;
            }
            o.put("last_price", p.lastPrice().setScale(4, RoundingMode.HALF_UP));
            o.put("market_value", p.marketValue());
            o.put("unrealized_pnl", p.unrealizedPnl());
            Json.put(o, "unrealized_pnl_pct", Double.isNaN(p.unrealizedPnlPct()) ? Double.NaN : Json.round(p.unrealizedPnlPct(), 3));
        }
        out.put("unrealized_pnl", book.unrealizedPnl());
        out.put("market_value", book.marketValue());
        out.put("all_priced", book.allPriced());
        return out;
    }

    /** The latest orders of the current mode's account, bracket legs included, newest first. */
    ObjectNode orders(int limit) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("orders");
        for (StoredOrder o : view.orders(limit)) {
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
        period(periods, "today", view.pnl(PnlPeriod.TODAY, b));
        period(periods, "week", view.pnl(PnlPeriod.WEEK, b));
        period(periods, "all", view.pnl(PnlPeriod.ALL, b));
        return out;
    }

    /**
     * The account's equity curve on a time axis: the snapshots the reconciler stores on every run (market
     * time: on the sim, simulated time), from {@code since} (null: all), thinned to about
     * {@link #MAX_CURVE_POINTS}. {@code t} is Unix seconds, what the page's chart plots.
     */
    ObjectNode equity(Instant since) {
        List<EquityPoint> all = view.equityCurve();
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

    private static void period(ObjectNode periods, String name, PeriodPnl p) {
        if (!p.known()) {
            periods.putNull(name);
            return;
        }
        ObjectNode o = periods.putObject(name);
        o.put("start_equity", p.startEquity());
        o.put("change", p.change());
        Json.put(o, "change_pct", Double.isNaN(p.changePct()) ? Double.NaN : Json.round(p.changePct(), 3));
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
        Json.put(clock, "now", view.now());
        clock.put("runs", desk.clockLabel());
        try {
            var last = view.lastCycle().map(c -> {
                ObjectNode o = Json.object();
                o.put("as_of", c.asOf().toString());
                o.put("decisions", c.decisions());
                o.put("buys", c.buys());
                return o;
            });
            out.set("last_cycle", last.orElse(null));
            out.put("pending_intents", view.pendingIntents());
            out.put("paused", view.paused());
        } catch (RuntimeException e) {
            problems.add("state database: " + e.getMessage());
        }
        out.put("cycles", desk.cycles() != null ? "enabled" : "scan only (no trained ensemble)");
        // Not a problem of the desk (it answers): the rules refusing the model's BUYs is the trader's state, shown in the header.
        try {
            putTrading(out, view.gate());
        } catch (RuntimeException e) {
            ObjectNode t = out.putObject("trading");
            t.putNull("allowed");
            t.put("line", "trading: unknown — the rules could not be asked: " + e.getMessage());
        }
        String rules = desk.rulesVersion().get();
        out.put("rules_version", rules);
        if (rules == null) problems.add("rules: no rules loaded");
        // A refused edit is not "ok": the trader's last change is not in force until a good edit lands.
        var rulesState = view.rules().orElse(null);
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
        view.schwab().ifPresent(s -> {
            out.set("schwab", s.toJson());
            if ("STOPPED".equals(s.phase())) problems.add("schwab stream STOPPED: " + s.reason());
        });
        out.put("status", problems.isEmpty() ? "ok" : "degraded");
        ArrayNode p = out.putArray("problems");
        problems.forEach(p::add);
        return out;
    }

    private Balances balances() {
        return view.balances();
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
