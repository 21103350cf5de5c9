package autotrader.orders;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/** Operator switches kept in SQLite so they survive restarts: `autotrader pause` stops new entries. */
public final class ControlFlags {

    private static final String PAUSED = "paused";
    private final Jdbi jdbi;
    private final Clock clock;

    public ControlFlags(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public boolean paused() {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM control_flags WHERE name = ?").bind(0, PAUSED)
                .mapTo(String.class).findOne().map("true"::equals).orElse(false));
    }

    public void setPaused(boolean paused, String actor) {
        jdbi.useHandle(h -> h.execute("INSERT INTO control_flags(name, value, updated_at, actor) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, actor = excluded.actor",
                PAUSED, Boolean.toString(paused), clock.instant().toString(), actor));
    }
}
