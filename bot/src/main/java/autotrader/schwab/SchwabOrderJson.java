package autotrader.schwab;

import autotrader.orders.BrokerFill;
import autotrader.orders.BrokerOrder;
import autotrader.orders.OrderRequest;
import autotrader.orders.OrderRole;
import autotrader.orders.OrderState;
import autotrader.orders.OrderType;
import autotrader.orders.Side;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Our OrderRequest to Schwab's order JSON (SCHWAB.md section 5) and Schwab's order JSON back to a
 * BrokerOrder (section 6). A bracket is one TRIGGER request: the entry, with an OCO child holding the
 * take-profit LIMIT and the stop STOP (or TRAILING_STOP). Prices go out as strings with two decimals
 * (four below $1). Unknown statuses and types are tolerated; a field that cannot be a number is an
 * error for that call.
 */
public final class SchwabOrderJson {

    static final DateTimeFormatter SCHWAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private SchwabOrderJson() {
    }

    public static ObjectNode toJson(OrderRequest r) {
        if (r.role() == OrderRole.PROTECTION) {
            List<ObjectNode> legs = protectiveLegs(r, r.side());
            return legs.size() == 1 ? legs.get(0) : oco(legs);
        }
        ObjectNode main = single(r.orderType(), "DAY", r.limitPrice(), null, instruction(r.role(), r.side()), r.quantity(), r.symbol());
        if (r.role() == OrderRole.ENTRY && r.hasBracket()) {
            main.put("orderStrategyType", "TRIGGER");
            List<ObjectNode> legs = protectiveLegs(r, r.closingSide());
            main.putArray("childOrderStrategies").add(legs.size() == 1 ? legs.get(0) : oco(legs));
        }
        return main;
    }

    private static ObjectNode oco(List<ObjectNode> legs) {
        ObjectNode o = SchwabHttp.JSON.createObjectNode();
        o.put("orderStrategyType", "OCO");
        ArrayNode kids = o.putArray("childOrderStrategies");
        legs.forEach(kids::add);
        return o;
    }

    private static List<ObjectNode> protectiveLegs(OrderRequest r, Side closing) {
        String instr = closing == Side.SELL ? "SELL" : (r.role() == OrderRole.ENTRY ? "BUY_TO_COVER" : "BUY");
        List<ObjectNode> legs = new ArrayList<>();
        if (r.takeProfit() != null) legs.add(single(OrderType.LIMIT, "GOOD_TILL_CANCEL", r.takeProfit(), null, instr, r.quantity(), r.symbol()));
        if (r.stopLoss() != null) legs.add(single(OrderType.STOP, "GOOD_TILL_CANCEL", null, r.stopLoss(), instr, r.quantity(), r.symbol()));
        if (r.trailingStop() != null) legs.add(trailing(r, instr));
        return legs;
    }

    private static ObjectNode trailing(OrderRequest r, String instr) {
        ObjectNode t = SchwabHttp.JSON.createObjectNode();
        t.put("orderStrategyType", "SINGLE");
        t.put("orderType", "TRAILING_STOP");
        t.put("session", "NORMAL");
        t.put("duration", "GOOD_TILL_CANCEL");
        t.put("complexOrderStrategyType", "NONE");
        t.put("stopPriceLinkBasis", instr.startsWith("SELL") ? "BID" : "ASK");
        t.put("stopPriceLinkType", "VALUE");
        t.put("stopPriceOffset", r.trailingStop());
        legs(t, instr, r.quantity(), r.symbol());
        return t;
    }

    private static ObjectNode single(OrderType type, String duration, BigDecimal price, BigDecimal stop, String instruction, long qty, String symbol) {
        ObjectNode o = SchwabHttp.JSON.createObjectNode();
        o.put("orderStrategyType", "SINGLE");
        o.put("orderType", type.name());
        o.put("session", "NORMAL");
        o.put("duration", duration);
        if (price != null) o.put("price", price(price));
        if (stop != null) o.put("stopPrice", price(stop));
        legs(o, instruction, qty, symbol);
        return o;
    }

    private static void legs(ObjectNode o, String instruction, long qty, String symbol) {
        ObjectNode leg = o.putArray("orderLegCollection").addObject();
        leg.put("instruction", instruction);
        leg.put("quantity", qty);
        ObjectNode inst = leg.putObject("instrument");
        inst.put("symbol", symbol);
        inst.put("assetType", "EQUITY");
    }

    private static String instruction(OrderRole role, Side side) {
        if (role == OrderRole.ENTRY && side == Side.SELL) return "SELL_SHORT";
        return side.name();
    }

    /** Two decimals, four below $1: what Schwab accepts without binary-float artefacts. */
    static String price(BigDecimal p) {
        return p.setScale(p.compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
    }

    public static BrokerOrder fromJson(JsonNode n) {
        String strategy = n.path("orderStrategyType").asText("SINGLE");
        List<BrokerOrder> children = new ArrayList<>();
        for (JsonNode c : n.path("childOrderStrategies")) children.add(fromJson(c));
        JsonNode leg = n.path("orderLegCollection").path(0);
        OrderType type = "OCO".equals(strategy) ? OrderType.OCO : orderType(n.path("orderType").asText(""));
        String symbol = leg.path("instrument").path("symbol").asText(null);
        Side side = leg.isMissingNode() ? null : side(leg.path("instruction").asText(""));
        long qty = leg.isMissingNode() ? 0 : decimal(leg, "quantity").longValue();
        if (type == OrderType.OCO && !children.isEmpty()) {   // the wrapper has no legs of its own
            symbol = children.get(0).symbol();
            side = children.get(0).side();
            qty = children.get(0).quantity();
        }
        long filled = n.has("filledQuantity") ? decimal(n, "filledQuantity").longValue() : 0;
        String raw = n.path("status").asText("UNKNOWN");
        List<BrokerFill> fills = new ArrayList<>();
        for (JsonNode act : n.path("orderActivityCollection")) {
            if (!"EXECUTION".equals(act.path("activityType").asText())) continue;
            int i = 0;
            for (JsonNode ex : act.path("executionLegs")) {
                fills.add(new BrokerFill("schwab-" + act.path("activityId").asText() + "-" + ex.path("legId").asText() + "-" + i++,
                        decimal(ex, "quantity").longValue(), decimal(ex, "price"), BigDecimal.ZERO, time(ex.path("time").asText(null))));
            }
        }
        return new BrokerOrder(n.path("orderId").asText(null), symbol, side, qty, type,
                n.has("price") ? decimal(n, "price") : null, n.has("stopPrice") ? decimal(n, "stopPrice") : null,
                state(raw, filled), raw, filled, time(n.path("enteredTime").asText(null)), n.path("tag").asText(null), fills, children);
    }

    static OrderState state(String status, long filled) {
        return switch (status) {
            case "FILLED" -> OrderState.FILLED;
            case "CANCELED", "REPLACED" -> OrderState.CANCELED;
            case "REJECTED" -> OrderState.REJECTED;
            case "EXPIRED" -> OrderState.EXPIRED;
            case "AWAITING_PARENT_ORDER", "AWAITING_CONDITION" -> OrderState.WAITING;
            default -> filled > 0 ? OrderState.PARTIALLY_FILLED : OrderState.SUBMITTED;   // WORKING, QUEUED, ACCEPTED, PENDING_*, unknown ones
        };
    }

    private static OrderType orderType(String t) {
        return switch (t) {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT" -> OrderType.LIMIT;
            case "STOP" -> OrderType.STOP;
            case "TRAILING_STOP" -> OrderType.TRAILING_STOP;
            default -> OrderType.OTHER;
        };
    }

    private static Side side(String instruction) {
        return instruction.startsWith("BUY") ? Side.BUY : Side.SELL;
    }

    /** Numbers or numbers-as-strings; anything else is malformed. */
    static BigDecimal decimal(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        try {
            if (v.isNumber()) return v.decimalValue();
            if (v.isTextual()) return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new SchwabException("malformed Schwab JSON: field '" + field + "' is not a number");
    }

    static Instant time(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return OffsetDateTime.parse(s, SCHWAB_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new SchwabException("malformed Schwab JSON: time '" + s + "'");
            }
        }
    }
}
