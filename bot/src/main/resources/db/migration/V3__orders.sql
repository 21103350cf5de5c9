-- The order layer. Every table that describes an account carries an `account` column: 'paper' for the
-- paper broker, 'live' for Schwab, so paper state and live state never mix.
-- Money is stored as TEXT decimal strings (BigDecimal), never REAL, so cents never drift.

-- One row per order the bot knows: the ones it sent (origin SENT) and the children a broker reported
-- for them (origin CHILD: take-profit and stop-loss legs of a bracket).
CREATE TABLE orders (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    account          TEXT    NOT NULL,
    client_order_id  TEXT    NOT NULL UNIQUE,   -- generated and stored before anything is sent
    intent_ref       TEXT,                      -- the signal / trade intent this order serves
    parent_id        INTEGER REFERENCES orders(id),
    origin           TEXT    NOT NULL,          -- SENT or CHILD
    role             TEXT    NOT NULL,          -- ENTRY, EXIT, PROTECTION, TAKE_PROFIT, STOP_LOSS, TRAILING_STOP
    symbol           TEXT    NOT NULL,
    side             TEXT    NOT NULL,          -- BUY or SELL
    quantity         INTEGER NOT NULL,
    order_type       TEXT    NOT NULL,          -- MARKET, LIMIT, STOP, TRAILING_STOP, OCO
    limit_price      TEXT,
    stop_price       TEXT,
    take_profit      TEXT,
    stop_loss        TEXT,
    trailing_offset  TEXT,
    state            TEXT    NOT NULL,
    broker_order_id  TEXT,
    filled_quantity  INTEGER NOT NULL DEFAULT 0,
    avg_fill_price   TEXT,
    created_at       TEXT    NOT NULL,          -- ISO-8601 UTC
    submitting_at    TEXT,                      -- when SUBMITTING was written: the start of the match window
    updated_at       TEXT    NOT NULL,
    listing_misses   INTEGER NOT NULL DEFAULT 0 -- reconciliation listings that did not find it
);
CREATE UNIQUE INDEX orders_intent ON orders(account, intent_ref, role) WHERE intent_ref IS NOT NULL AND origin = 'SENT';
CREATE UNIQUE INDEX orders_broker_id ON orders(account, broker_order_id) WHERE broker_order_id IS NOT NULL;
CREATE INDEX orders_state ON orders(account, state);
CREATE INDEX orders_parent ON orders(parent_id);

-- The audit trail: every state change with its time and cause.
CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    at          TEXT    NOT NULL,
    from_state  TEXT,                           -- NULL for the row's creation
    to_state    TEXT    NOT NULL,
    cause       TEXT    NOT NULL
);
CREATE INDEX order_events_order ON order_events(order_id);

-- Executions as the broker reported them; exec_id makes recording a fill idempotent.
CREATE TABLE fills (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account     TEXT    NOT NULL,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    exec_id     TEXT    NOT NULL,
    symbol      TEXT    NOT NULL,
    side        TEXT    NOT NULL,
    quantity    INTEGER NOT NULL,
    price       TEXT    NOT NULL,
    commission  TEXT    NOT NULL DEFAULT '0',
    filled_at   TEXT    NOT NULL,
    UNIQUE (account, exec_id)
);

-- The bot's own book, moved only by recorded fills; the reconciler compares it with the broker's.
CREATE TABLE positions (
    account     TEXT    NOT NULL,
    symbol      TEXT    NOT NULL,
    quantity    INTEGER NOT NULL,
    avg_price   TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    PRIMARY KEY (account, symbol)
);
CREATE TABLE account_cash (
    account     TEXT PRIMARY KEY,
    cash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
-- Balances as the broker reported them at each reconciliation.
CREATE TABLE account_snapshots (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account         TEXT NOT NULL,
    at              TEXT NOT NULL,
    cash            TEXT NOT NULL,
    equity          TEXT NOT NULL,
    buying_power    TEXT
);

-- Operator switches such as 'paused' (no new entries), kept across restarts.
CREATE TABLE control_flags (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    actor       TEXT NOT NULL
);

-- The paper broker's own exchange-side book (what a real broker would hold on its servers).
CREATE TABLE paper_orders (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id        INTEGER REFERENCES paper_orders(id),
    oco_group        TEXT,                      -- children of one OCO share it; a fill cancels the others
    tag              TEXT,                      -- the client order id the bot sent
    symbol           TEXT    NOT NULL,
    side             TEXT    NOT NULL,
    order_type       TEXT    NOT NULL,          -- MARKET, LIMIT, STOP, TRAILING_STOP
    quantity         INTEGER NOT NULL,
    limit_price      TEXT,
    stop_price       TEXT,
    trailing_offset  TEXT,
    status           TEXT    NOT NULL,          -- WAITING, WORKING, FILLED, CANCELED, REJECTED
    status_reason    TEXT,
    placed_at        TEXT    NOT NULL,
    active_from      TEXT,                      -- bars starting at or after this may fill it
    filled_quantity  INTEGER NOT NULL DEFAULT 0,
    avg_fill_price   TEXT,
    closed_at        TEXT
);
CREATE INDEX paper_orders_status ON paper_orders(status);
CREATE TABLE paper_fills (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    paper_order_id  INTEGER NOT NULL REFERENCES paper_orders(id),
    symbol          TEXT    NOT NULL,
    side            TEXT    NOT NULL,
    quantity        INTEGER NOT NULL,
    price           TEXT    NOT NULL,
    commission      TEXT    NOT NULL,
    filled_at       TEXT    NOT NULL
);
CREATE TABLE paper_account (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    starting_cash   TEXT NOT NULL,
    cash            TEXT NOT NULL
);
CREATE TABLE paper_positions (
    symbol      TEXT PRIMARY KEY,
    quantity    INTEGER NOT NULL,
    avg_price   TEXT    NOT NULL
);
