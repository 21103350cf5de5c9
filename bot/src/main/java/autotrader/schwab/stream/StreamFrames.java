package autotrader.schwab.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a server frame into its messages. One frame may hold several; unknown members and unknown
 * message kinds are ignored, numbers may come as strings, and a frame that is not JSON gives no
 * message (it still counts as a sign of life for the watchdog, which the caller records).
 */
final class StreamFrames {

    private StreamFrames() {
    }

    static List<StreamMessage> parse(String text) {
        JsonNode root;
        try {
            root = StreamRequests.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("stream frame is not JSON (" + text.length() + " chars)");
        }
        List<StreamMessage> out = new ArrayList<>();
        if (root == null || !root.isObject()) return out;
        for (JsonNode r : items(root.get("response"))) {
            JsonNode content = r.path("content");
            long code = number(content.get("code"), -1);
            out.add(new StreamMessage.Ack(r.path("service").asText(""), r.path("command").asText(""), r.path("requestid").asText(""),
                    (int) code, content.path("msg").asText("")));
        }
        for (JsonNode d : items(root.get("data"))) {
            List<JsonNode> content = new ArrayList<>();
            items(d.get("content")).forEach(content::add);
            out.add(new StreamMessage.Data(d.path("service").asText(""), d.path("command").asText(""), number(d.get("timestamp"), 0), content));
        }
        for (JsonNode n : items(root.get("notify"))) {
            if (n.has("heartbeat")) out.add(new StreamMessage.Heartbeat(number(n.get("heartbeat"), 0)));
        }
        return out;
    }

    private static Iterable<JsonNode> items(JsonNode n) {
        if (n == null || n.isNull()) return List.of();
        if (n.isArray()) return n;
        return List.of(n);   // a lone object where an array was expected: take it as one item
    }

    /** A whole number, also when written as a string or as a decimal; {@code otherwise} when missing or not a number. */
    static long number(JsonNode n, long otherwise) {
        if (n == null || n.isNull()) return otherwise;
        if (n.isNumber()) return n.longValue();
        if (n.isTextual()) {
            try {
                return new BigDecimal(n.asText().trim()).longValue();
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /** A decimal, also when written as a string; NaN when missing or not a number. */
    static double decimal(JsonNode n) {
        if (n == null || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
