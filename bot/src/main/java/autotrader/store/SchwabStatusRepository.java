package autotrader.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/**
 * The Schwab stream's state and the REST request counts as the daemon last wrote them (every few
 * seconds), kept as one row of {@code control_flags} like the rules state, so that `status` (another
 * process), the desk's health and Telegram's /status show the same.
 */
public final class SchwabStatusRepository {

    static final String NAME = "schwab_status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public SchwabStatusRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param phase           OFF, CONNECTING, STREAMING, DOWN or STOPPED
     * @param streamLine      the stream in one line
     * @param restLine        REST calls last minute by kind, the hour's average and peak, 429s
     * @param restLastMinute  REST calls in the last complete minute
     * @param restPerMinute   REST calls per minute over the last hour
     */
    public record SchwabStatus(Instant at, String phase, String streamLine, Instant connectedSince, int chartKeys, boolean accountActivity,
                               Instant lastFrameAt, int reconnectsToday, String reason, String restLine, long restLastMinute, double restPerMinute,
                               long rest429) {

        /** "written <at>" and, when older than a minute, that no daemon is updating it. */
        public String written(Instant now) {
            boolean stale = Duration.between(at, now).compareTo(Duration.ofMinutes(1)) > 0;
            return "as of " + at + (stale ? ", no daemon updating it since" : "");
        }

        public ObjectNode toJson() {
            ObjectNode v = JSON.createObjectNode();
            v.put("at", at.toString());
            ObjectNode s = v.putObject("stream");
            s.put("phase", phase);
            s.put("line", streamLine);
            s.put("connected_since", connectedSince == null ? null : connectedSince.toString());
            s.put("chart_keys", chartKeys);
            s.put("account_activity", accountActivity);
            s.put("last_frame_at", lastFrameAt == null ? null : lastFrameAt.toString());
            s.put("reconnects_today", reconnectsToday);
            s.put("reason", reason);
            ObjectNode r = v.putObject("rest");
            r.put("line", restLine);
            r.put("last_minute", restLastMinute);
            r.put("per_minute_last_hour", Math.round(restPerMinute * 10) / 10.0);
            r.put("answered_429", rest429);
            return v;
        }
    }

    public void save(SchwabStatus s) {
        jdbi.useHandle(h -> h.execute("INSERT INTO control_flags(name, value, updated_at, actor) VALUES (?, ?, ?, 'daemon') "
                        + "ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, actor = excluded.actor",
                NAME, s.toJson().toString(), s.at().toString()));
    }

    /** The last state a daemon wrote; empty when none ever ran on the Schwab source on this database. */
    public Optional<SchwabStatus> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM control_flags WHERE name = ?").bind(0, NAME)
                .mapTo(String.class).findOne()).map(SchwabStatusRepository::parse);
    }

    private static SchwabStatus parse(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            JsonNode s = n.path("stream"), r = n.path("rest");
            return new SchwabStatus(Instant.parse(n.path("at").asText()), s.path("phase").asText("?"), s.path("line").asText(""),
                    instant(s.get("connected_since")), s.path("chart_keys").asInt(), s.path("account_activity").asBoolean(),
                    instant(s.get("last_frame_at")), s.path("reconnects_today").asInt(), s.path("reason").isNull() ? null : s.path("reason").asText(null),
                    r.path("line").asText(""), r.path("last_minute").asLong(), r.path("per_minute_last_hour").asDouble(), r.path("answered_429").asLong());
        } catch (Exception e) {
            return new SchwabStatus(Instant.EPOCH, "?", "unreadable: " + e.getMessage(), null, 0, false, null, 0, null, "", 0, 0, 0);
        }
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.parse(n.asText());
    }
}
