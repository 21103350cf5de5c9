package autotrader.web;

import autotrader.approvals.ApprovalOutcome;
import autotrader.approvals.IntentRepository;
import autotrader.approvals.IntentRepository.StoredIntent;
import autotrader.approvals.PendingIntent;
import autotrader.ensemble.Decision;
import autotrader.rules.Evaluation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The REST endpoints: parse and check the request, call the daemon's services, answer JSON (docs/web.md). */
final class DeskApi {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,14}");

    private final Desk desk;
    private final WebSettings settings;
    private final DeskQueries queries;
    private final BacktestReports backtests;
    private final IntentRepository intents;

    DeskApi(Desk desk, WebSettings settings) {
        this.desk = desk;
        this.settings = settings;
        this.queries = new DeskQueries(desk);
        this.backtests = new BacktestReports(desk.backtests());
        this.intents = new IntentRepository(desk.store().jdbi());
    }

    /** 200 when everything answers, 503 when something the desk relies on does not (the body says what). */
    void health(Context ctx) {
        ObjectNode h = queries.health();
        ObjectNode auth = h.putObject("auth");
        auth.put("token_configured", settings.token() != null);
        auth.put("reads_need_token", !settings.loopback());
        ctx.status("ok".equals(h.path("status").asText()) ? 200 : 503).json(h);
    }

    void signals(Context ctx) {
        String decision = ctx.queryParam("decision");
        if (decision != null) {
            decision = decision.trim().toUpperCase(Locale.ROOT);
            try {
                Decision.valueOf(decision);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("decision must be BUY, SELL or HOLD, not '" + ctx.queryParam("decision") + "'");
            }
        }
        ctx.json(queries.signals(decision, intParam(ctx, "limit", 1000, 1, 1000)));
    }

    void signal(Context ctx) {
        ctx.json(queries.signal(symbol(ctx)));
    }

    void positions(Context ctx) {
        ctx.json(queries.positions());
    }

    void orders(Context ctx) {
        ctx.json(queries.orders(intParam(ctx, "limit", 50, 1, 1000)));
    }

    void pnl(Context ctx) {
        ctx.json(queries.pnl());
    }

    /** The account's equity curve: {@code since} (ISO instant, optional) keeps the snapshots from then on. */
    void equity(Context ctx) {
        String raw = ctx.queryParam("since");
        Instant since = null;
        if (raw != null && !raw.isBlank()) {
            try {
                since = Instant.parse(raw.trim());
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("since must be an ISO-8601 instant such as 2026-03-02T14:30:00Z, not '" + raw + "'");
            }
        }
        ctx.json(queries.equity(since));
    }

    void latestBacktest(Context ctx) {
        ctx.json(backtests.latest().orElseThrow(() -> ApiError.notFound("no backtest report yet: no metrics.json under " + desk.backtests()
                + " (run `autotrader backtest`)")));
    }

    /** Runs one cycle now, as the scheduler would, and answers what it made. */
    void cycle(Context ctx) {
        if (desk.cycles() == null) {
            throw ApiError.conflict("cycles are off: there is no trained ensemble, so the daemon only scans (run `autotrader train ensemble`)");
        }
        String actor = BearerAuth.actor(ctx);
        CycleTrigger.CycleRun run = desk.cycles().runNow()
                .orElseThrow(() -> ApiError.conflict("a cycle is running now; ask again when it has finished"));
        Evaluation ev = run.evaluation();
        desk.store().audit(actor, "web.cycle", "as of " + run.asOf() + ": " + (ev == null ? "no decisions" : ev.intents().size() + " intents"));
        ObjectNode out = Json.object();
        out.put("as_of", run.asOf().toString());
        ObjectNode latest = queries.signals(null, 1000);
        boolean stored = run.asOf().toString().equals(latest.path("as_of").asText());
        out.put("decisions", stored ? latest.path("decisions").asInt() : 0);
        int buys = 0;
        if (stored) for (var s : latest.path("signals")) if ("BUY".equals(s.path("decision").asText())) buys++;
        out.put("buys", buys);
        out.put("rules_version", ev == null ? null : ev.version().label());
        out.put("rejected", ev == null ? 0 : ev.rejections().size());
        // Why no BUY could be entered at all (the skill gate), so "0 new intents" comes with its reason.
        ArrayNode blocks = out.putArray("entry_blocks");
        if (ev != null) ev.entryBlocks().forEach(blocks::add);
        ArrayNode made = out.putArray("intents");
        for (StoredIntent s : intents.createdSince(desk.account(), run.asOf())) made.add(queries.intent(s));
        ctx.json(out);
    }

    void approve(Context ctx) {
        long id = intentId(ctx);
        IntentCheck check = body(ctx);
        if (check != null) checkShown(id, check);
        answer(ctx, desk.approvals().approve(id, BearerAuth.actor(ctx)));
    }

    void reject(Context ctx) {
        long id = intentId(ctx);
        IntentCheck check = body(ctx);
        if (check != null) checkShown(id, check);
        answer(ctx, desk.approvals().reject(id, BearerAuth.actor(ctx)));
    }

    /**
     * What the page showed when the trader pressed the button. Optional; when sent, an intent that is
     * not that (another symbol or size) is refused, so a stale or mistaken page cannot approve it.
     */
    record IntentCheck(String symbol, Integer quantity) {
    }

    private static IntentCheck body(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) return null;
        try {
            IntentCheck c = Json.MAPPER.readValue(body, IntentCheck.class);
            if (c == null) throw ApiError.badRequest("the request body must be a JSON object such as {\"symbol\": \"AAPL\", \"quantity\": 10}, or empty");
            return c;
        } catch (UnrecognizedPropertyException e) {
            throw ApiError.badRequest("unknown field '" + e.getPropertyName() + "' in the request body; known: symbol, quantity");
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the request body is not valid JSON (" + e.getOriginalMessage()
                    + "); send {\"symbol\": \"AAPL\", \"quantity\": 10} or nothing");
        }
    }

    private void checkShown(long id, IntentCheck c) {
        PendingIntent p = desk.approvals().find(id).orElseThrow(() -> ApiError.notFound("no intent " + id));
        boolean symbolOk = c.symbol() == null || c.symbol().equalsIgnoreCase(p.symbol());
        boolean quantityOk = c.quantity() == null || c.quantity() == p.quantity();
        if (!symbolOk || !quantityOk) {
            throw ApiError.conflict("intent " + id + " is " + p.side() + " " + p.quantity() + " " + p.symbol() + ", not the "
                    + (c.quantity() == null ? "" : c.quantity() + " ") + (c.symbol() == null ? "" : c.symbol()) + " the request names; nothing was done");
        }
    }

    /** The outcome with the status code that says what happened: 200 done, 404 unknown, 409 too late or already decided, 502 broker refused. */
    private void answer(Context ctx, ApprovalOutcome o) {
        ObjectNode body = outcome(o);
        int status = switch (o.kind()) {
            case SUBMITTED, FILLED, REJECTED -> 200;
            case UNCONFIRMED -> 202;
            case NOT_FOUND -> 404;
            case ALREADY_DECIDED, EXPIRED, PAUSED, REFUSED -> 409;
            case REJECTED_BY_BROKER, FAILED -> 502;
        };
        if (status >= 300) throw new ApiError(status, "intent " + o.intentId() + ": " + body.path("message").asText(), body);
        ctx.status(status).json(body);
    }

    private ObjectNode outcome(ApprovalOutcome o) {
        ObjectNode n = Json.object();
        n.put("intent_id", o.intentId());
        n.put("outcome", o.kind().name());
        n.put("message", describe(o));
        n.put("broker_order_id", o.brokerOrderId());
        Json.put(n, "fill_price", o.fillPrice());
        n.put("reason", o.reason());
        n.put("actor", o.actor());
        Json.put(n, "at", o.at());
        if (o.earlier() != null) {
            ObjectNode e = n.putObject("earlier");
            e.put("verdict", o.earlier().verdict().name());
            e.put("actor", o.earlier().actor());
            Json.put(e, "at", o.earlier().at());
            e.put("result", o.earlier().result() == null ? null : o.earlier().result().name());
            e.put("detail", o.earlier().detail());
        }
        Optional<StoredIntent> row = o.kind() == ApprovalOutcome.Kind.NOT_FOUND ? Optional.empty() : intents.find(o.intentId());
        n.set("intent", row.map(queries::intent).orElse(null));
        return n;
    }

    static String describe(ApprovalOutcome o) {
        return switch (o.kind()) {
            case SUBMITTED -> "approved; order submitted (broker order " + o.brokerOrderId() + ")";
            case FILLED -> String.format("approved; filled at %.2f", o.fillPrice());
            case REJECTED -> "rejected by " + o.actor();
            case REJECTED_BY_BROKER -> "approved, but the broker did not take the order: " + o.reason();
            case EXPIRED -> "expired, nothing was sent: " + o.reason();
            case ALREADY_DECIDED -> "already " + o.earlier().verdict().name().toLowerCase(Locale.ROOT) + " by " + o.earlier().actor()
                    + " at " + o.earlier().at() + (o.earlier().detail() == null ? "" : " (" + o.earlier().detail() + ")") + "; nothing new was done";
            case NOT_FOUND -> "no such intent";
            case PAUSED -> "trading is paused (resume it to allow entries); the intent is still pending";
            case UNCONFIRMED -> "approved; " + o.reason() + "; checking with the broker";
            case FAILED -> "approved, but the order failed: " + o.reason();
            case REFUSED -> "refused: " + o.reason();
        };
    }

    private static long intentId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("intent id must be a positive whole number, not '" + raw + "'");
    }

    private static String symbol(Context ctx) {
        String raw = ctx.pathParam("symbol");
        String s = raw.trim().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(s).matches()) throw ApiError.badRequest("'" + raw + "' is not a stock symbol (letters, digits, '.' or '-')");
        return s;
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
    }
}
