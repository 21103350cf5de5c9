package autotrader.schwab.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One ACCT_ACTIVITY item (SCHWAB.md 9): {@code "1"} account, {@code "2"} message type (OrderCreated,
 * OrderFillCompleted, CancelAccepted, ...), {@code "3"} a JSON <em>string</em> parsed a second time. Only
 * the order id is taken from it, wherever it sits (Schwab nests it as {@code SchwabOrderID}); it is a
 * wake-up signal, the REST order stays the truth.
 */
public record AccountActivity(String account, String type, Optional<String> orderId) {

    public static final String SERVICE = "ACCT_ACTIVITY";
    public static final String KEY = "Account Activity";
    public static final String FIELDS = "0,1,2,3";

    public static AccountActivity parse(JsonNode item) {
        String type = item.path("2").asText("");
        String inner = item.path("3").asText("");
        Optional<String> id = Optional.empty();
        if (!inner.isBlank()) {
            try {
                id = orderIdIn(StreamRequests.JSON.readTree(inner));
            } catch (IOException e) {
                // not JSON: the type alone still wakes the read-back of every open order
            }
        }
        return new AccountActivity(item.path("1").asText(""), type, id);
    }

    /** The first member named like an order id (SchwabOrderID, orderId, OrderID ...) holding digits, depth first. */
    static Optional<String> orderIdIn(JsonNode n) {
        if (n == null) return Optional.empty();
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                String name = e.getKey().toLowerCase(Locale.ROOT);
                JsonNode v = e.getValue();
                if (name.endsWith("orderid") && v.isValueNode() && v.asText("").trim().matches("\\d{1,19}")) return Optional.of(v.asText().trim());
            }
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                Optional<String> found = orderIdIn(it.next());
                if (found.isPresent()) return found;
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                Optional<String> found = orderIdIn(c);
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }
}
