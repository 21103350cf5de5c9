package autotrader.schwab.stream;

import autotrader.schwab.SchwabException;
import autotrader.schwab.SchwabHttp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where and as whom to open the streamer (SCHWAB.md 9, step 1): the first {@code streamerInfo} entry of
 * GET /trader/v1/userPreference. Read again before every connection, since Schwab may move the socket.
 */
public record StreamerInfo(String socketUrl, String customerId, String correlId, String channel, String functionId) {

    public static StreamerInfo fetch(SchwabHttp http) {
        return from(http.get("/trader/v1/userPreference"));
    }

    /** @throws SchwabException when the answer has no usable streamerInfo (the account cannot stream) */
    public static StreamerInfo from(JsonNode preference) {
        JsonNode list = preference == null ? null : preference.get("streamerInfo");
        JsonNode s = list != null && list.isArray() ? list.path(0) : list;
        if (s == null || !s.isObject()) throw new SchwabException("userPreference has no streamerInfo: this login cannot stream");
        String url = s.path("streamerSocketUrl").asText("");
        if (!(url.startsWith("wss://") || url.startsWith("ws://"))) {
            throw new SchwabException("userPreference streamerInfo.streamerSocketUrl is not a websocket URL: '" + url + "'");
        }
        String customer = s.path("schwabClientCustomerId").asText("");
        if (customer.isEmpty()) throw new SchwabException("userPreference streamerInfo has no schwabClientCustomerId");
        return new StreamerInfo(url, customer, s.path("schwabClientCorrelId").asText(""), s.path("schwabClientChannel").asText(""),
                s.path("schwabClientFunctionId").asText(""));
    }
}
