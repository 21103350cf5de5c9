package autotrader.schwab.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One message of a server frame (SCHWAB.md 9): an ack to a request, data of a service, or a heartbeat. */
sealed interface StreamMessage {

    /** {@code code} 0 is success; anything else is a refusal, {@code msg} says why. */
    record Ack(String service, String command, String requestId, int code, String msg) implements StreamMessage {
        boolean ok() {
            return code == 0;
        }
    }

    record Data(String service, String command, long timestamp, List<JsonNode> content) implements StreamMessage {
    }

    record Heartbeat(long timestamp) implements StreamMessage {
    }
}
