package autotrader.schwab;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;

/** Turns Schwab's error bodies (trader shape, errors[] shape, gateway fault, HTML) into one line for logs and exceptions. */
final class SchwabErrors {

    private SchwabErrors() {
    }

    static String describe(String body) {
        if (body == null || body.isBlank()) return "(empty body)";
        try {
            JsonNode n = SchwabHttp.JSON.readTree(body);
            if (n.hasNonNull("message")) return n.get("message").asText();
            if (n.path("errors").isArray() && !n.path("errors").isEmpty()) {
                JsonNode e = n.path("errors").get(0);
                if (e.isTextual()) return e.asText();
                return (e.path("title").asText("") + " " + e.path("detail").asText("")).trim();
            }
            if (n.has("fault")) return n.path("fault").path("faultstring").asText("gateway fault");
            if (n.has("error")) return n.path("error").asText();
        } catch (IOException e) {
            // not JSON (e.g. an HTML Whitelabel Error Page)
        }
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return "(non-JSON body) " + (text.length() > 120 ? text.substring(0, 120) + "..." : text);
    }
}
