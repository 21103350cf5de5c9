-- Scan runs and the ranked candidates each run produced.
CREATE TABLE scan_runs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    as_of          TEXT    NOT NULL,   -- market time the scan looked at (ISO-8601 UTC)
    started_at     TEXT    NOT NULL,   -- wall-clock time the scan ran (ISO-8601 UTC)
    source         TEXT    NOT NULL,   -- market-data source name, e.g. "sim (SIMULATED, seed 42)"
    simulated      INTEGER NOT NULL,   -- 1 when prices came from the simulator
    universe_size  INTEGER NOT NULL,
    scanned        INTEGER NOT NULL,   -- symbols with enough data to score
    strategy       TEXT    NOT NULL
);
CREATE INDEX scan_runs_as_of ON scan_runs(as_of);

CREATE TABLE candidates (
    scan_run_id     INTEGER NOT NULL REFERENCES scan_runs(id) ON DELETE CASCADE,
    rank            INTEGER NOT NULL,
    symbol          TEXT    NOT NULL,
    momentum_score  REAL    NOT NULL,
    rsi             REAL,
    rvol            REAL,
    percent_change  REAL,
    trend           TEXT,
    trend_strength  REAL,
    last_price      REAL,
    PRIMARY KEY (scan_run_id, rank)
);
CREATE INDEX candidates_symbol ON candidates(symbol);
