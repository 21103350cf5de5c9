package autotrader.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned schema migrations kept as {@code db/migration/V<n>__name.sql} resources. The schema
 * version lives in SQLite's {@code PRAGMA user_version}; each pending script runs in its own
 * transaction together with the version bump, so an interrupted upgrade leaves the database at the
 * last complete version and is simply resumed on the next start.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** Listed explicitly: resources inside a jar cannot be listed portably. Append, never edit. */
    static final List<String> SCRIPTS = List.of(
            "V1__scan_runs_and_candidates.sql",
            "V2__scan_timing_and_audit_log.sql",
            "V3__orders.sql",
            "V4__telegram_messages.sql",
            "V5__intents.sql",
            "V6__decisions.sql",
            "V7__job_runs.sql",
            "V8__time_exits_and_indexes.sql");

    private Migrations() {
    }

    public static int latestVersion() {
        return SCRIPTS.size();
    }

    public static int currentVersion(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
    }

    /** Upgrades the database to {@code target} (at most the latest version). Returns the versions applied. */
    public static List<Integer> migrate(Jdbi jdbi, int target) {
        int current = currentVersion(jdbi);
        if (current > latestVersion()) {
            throw new IllegalStateException("database schema version " + current + " is newer than this build knows ("
                    + latestVersion() + "); upgrade autotrader instead of downgrading the database");
        }
        List<Integer> applied = new ArrayList<>();
        for (int v = current + 1; v <= Math.min(target, latestVersion()); v++) {
            String script = read(SCRIPTS.get(v - 1));
            int version = v;
            // The transaction holds the write lock (IMMEDIATE); the version is read again under it, because
            // another process opening the same new file (the CLI beside a starting daemon) may have
            // applied this step between our first read and the lock.
            boolean ran = jdbi.inTransaction(h -> {
                if (h.createQuery("PRAGMA user_version").mapTo(Integer.class).one() >= version) return false;
                runScript(h, script);
                h.execute("PRAGMA user_version = " + version);
                return true;
            });
            if (!ran) continue;
            log.info("database upgraded to schema version {} ({})", v, SCRIPTS.get(v - 1));
            applied.add(v);
        }
        return applied;
    }

    private static void runScript(Handle h, String script) {
        for (String statement : script.split(";\\s*(\\r?\\n|$)")) {
            String sql = stripComments(statement).trim();
            if (!sql.isEmpty()) h.execute(sql);
        }
    }

    private static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\\r?\\n")) {
            int dash = line.indexOf("--");
            out.append(dash >= 0 ? line.substring(0, dash) : line).append('\n');
        }
        return out.toString();
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) throw new IllegalStateException("migration script missing from the build: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
