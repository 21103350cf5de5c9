-- Every ensemble decision of every cycle, with the versions of the models that made it.
CREATE TABLE decisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    as_of            TEXT    NOT NULL,   -- market time of the cycle (ISO-8601 UTC)
    created_at       TEXT    NOT NULL,   -- wall-clock time it was stored
    source           TEXT    NOT NULL,   -- market-data source name ("sim (SIMULATED, ...)" when simulated)
    simulated        INTEGER NOT NULL,
    symbol           TEXT    NOT NULL,
    decision         TEXT    NOT NULL,   -- BUY, SELL, HOLD
    confidence       REAL,
    expected_return  REAL,               -- percent
    risk_score       INTEGER,
    time_horizon     TEXT,
    price            REAL,
    models_agree     INTEGER,
    momentum_score   REAL,
    json             TEXT    NOT NULL,   -- the full decision (predictions, risk metrics, probabilities)
    model_versions   TEXT    NOT NULL    -- predictors and ensemble files' hashes
);
CREATE INDEX decisions_as_of ON decisions(as_of);
CREATE INDEX decisions_symbol ON decisions(symbol, as_of);
