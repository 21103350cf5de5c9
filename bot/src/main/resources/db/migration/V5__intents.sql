-- Trade intents waiting for (or past) the trader's decision. The status changes exactly once from
-- PENDING, by a conditional UPDATE, which is what makes an approval exactly-once across devices,
-- channels and processes.
CREATE TABLE intents (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    account           TEXT    NOT NULL,   -- paper | live
    created_at        TEXT    NOT NULL,
    expires_at        TEXT    NOT NULL,
    symbol            TEXT    NOT NULL,
    side              TEXT    NOT NULL,
    quantity          INTEGER NOT NULL,
    entry_type        TEXT    NOT NULL,
    entry_price       REAL    NOT NULL,
    limit_price       REAL,
    stop_loss         REAL,
    take_profit       REAL,
    trailing_stop_pct REAL,
    confidence        REAL,
    expected_return   REAL,
    risk_score        INTEGER,
    time_horizon      TEXT,
    fired_rules       TEXT,               -- rule names, one per line, in firing order
    rules_version     TEXT,
    signal_price      REAL    NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'PENDING',  -- PENDING, APPROVED, REJECTED, EXPIRED
    decided_by        TEXT,
    decided_at        TEXT,
    outcome           TEXT,               -- ApprovalOutcome kind after the decision (SUBMITTED, FILLED, ...)
    outcome_detail    TEXT,
    order_id          INTEGER             -- orders.id of the entry, once recorded
);
CREATE INDEX intents_status ON intents(account, status);
