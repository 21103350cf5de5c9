package autotrader.store;

import autotrader.rules.RulesState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/**
 * The rules state the daemon's engine is in, kept as one row of {@code control_flags} so that
 * `status` (another process), the desk and Telegram all show the same: the version in force and a
 * refused edit's problems. Written by the daemon on every load, reload and refusal.
 */
public final class RulesStateRepository {

    static final String NAME = "rules_state";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    public RulesStateRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void save(RulesState s) {
        ObjectNode v = JSON.createObjectNode();
        v.put("version", s.version());
        v.put("at", s.at().toString());
        v.put("refused", s.refused());
        jdbi.useHandle(h -> h.execute("INSERT INTO control_flags(name, value, updated_at, actor) VALUES (?, ?, ?, 'daemon') "
                        + "ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, actor = excluded.actor",
                NAME, v.toString(), s.at().toString()));
    }

    /** The last state a daemon wrote; empty when no daemon ever loaded rules on this database. */
    public Optional<RulesState> load() {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM control_flags WHERE name = ?").bind(0, NAME)
                .mapTo(String.class).findOne()).map(RulesStateRepository::parse);
    }

    private static RulesState parse(String value) {
        try {
            JsonNode n = JSON.readTree(value);
            JsonNode refused = n.get("refused");
            return new RulesState(n.path("version").asText(), Instant.parse(n.path("at").asText()),
                    refused == null || refused.isNull() ? null : refused.asText());
        } catch (Exception e) {
            return new RulesState("?", Instant.EPOCH, "rules state unreadable: " + e.getMessage());
        }
    }
}
