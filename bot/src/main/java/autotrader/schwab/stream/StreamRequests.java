package autotrader.schwab.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's messages (SCHWAB.md 9, steps 2-3), each wrapped in {@code {"requests":[...]}} and with
 * a fresh request id, so that an ack can be matched to what it answers.
 */
final class StreamRequests {

    static final ObjectMapper JSON = new ObjectMapper();

    private final StreamerInfo info;
    private final AtomicLong ids = new AtomicLong();

    StreamRequests(StreamerInfo info) {
        this.info = info;
    }

    /** One request and its id. */
    record Request(String requestId, String service, String command, String json) {
    }

    Request login(String accessToken) {
        ObjectNode params = JSON.createObjectNode().put("Authorization", accessToken).put("SchwabClientChannel", info.channel())
                .put("SchwabClientFunctionId", info.functionId());
        return build("ADMIN", "LOGIN", params);
    }

    Request logout() {
        return build("ADMIN", "LOGOUT", JSON.createObjectNode());
    }

    /** SUBS, ADD or UNSUBS of keys with the service's fields (field 0 is always among them). */
    Request subscription(String service, String command, Collection<String> keys, String fields) {
        ObjectNode params = JSON.createObjectNode().put("keys", String.join(",", keys));
        if (!command.equals("UNSUBS")) params.put("fields", fields);
        return build(service, command, params);
    }

    private Request build(String service, String command, ObjectNode params) {
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode r = JSON.createObjectNode().put("service", service).put("command", command).put("requestid", id)
                .put("SchwabClientCustomerId", info.customerId()).put("SchwabClientCorrelId", info.correlId());
        r.set("parameters", params);
        ObjectNode root = JSON.createObjectNode();
        root.putArray("requests").add(r);
        return new Request(id, service, command, root.toString());
    }
}
