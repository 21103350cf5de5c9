-- What the daemon's scheduler did and plans: one row per job (last run, its duration and outcome,
-- next planned run), and one heartbeat row for the daemon itself. `status` reads both from another
-- process; at start the daemon reads the last runs to apply each job's missed-run policy.
CREATE TABLE job_runs (
    job              TEXT PRIMARY KEY,
    last_as_of       TEXT,               -- market time the last run was planned for (ISO-8601 UTC)
    last_started_at  TEXT,               -- wall-clock time it started
    last_ms          REAL,               -- how long it took
    last_error       TEXT,               -- null when it succeeded
    running          INTEGER NOT NULL DEFAULT 0,
    runs             INTEGER NOT NULL DEFAULT 0,
    errors           INTEGER NOT NULL DEFAULT 0,
    next_as_of       TEXT,               -- market time of the next planned run; null: none planned
    updated_at       TEXT    NOT NULL
);
CREATE TABLE daemon_heartbeat (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    pid              INTEGER NOT NULL,
    started_at       TEXT    NOT NULL,   -- wall clock
    beat_at          TEXT    NOT NULL,   -- wall clock of the last heartbeat
    market_time      TEXT    NOT NULL,   -- the daemon's market clock at that heartbeat
    clock            TEXT    NOT NULL,   -- "wall clock" or "simulated x60"
    mode             TEXT    NOT NULL,
    stopped_at       TEXT                -- set by a clean stop; null while running or after a crash
);
