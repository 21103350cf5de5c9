-- The model's trade has a holding limit: the position is closed at market after hold_bars bars of
-- hold_timeframe, counted from the entry's first fill. time_exit_at records that the exit was sent
-- (or found unnecessary), so it is sent once.
ALTER TABLE intents ADD COLUMN hold_bars INTEGER NOT NULL DEFAULT 0;
ALTER TABLE intents ADD COLUMN hold_timeframe TEXT;
ALTER TABLE intents ADD COLUMN time_exit_at TEXT;
ALTER TABLE intents ADD COLUMN time_exit_detail TEXT;
CREATE INDEX intents_time_exit ON intents(account, hold_bars, time_exit_at);

-- Lookups the monitor and the cycle make every few seconds, which scanned their whole table and grew
-- slower with every stored order, fill, snapshot and scan of a long replay.
CREATE INDEX IF NOT EXISTS fills_order ON fills(order_id);
CREATE INDEX IF NOT EXISTS paper_orders_parent ON paper_orders(parent_id);
CREATE INDEX IF NOT EXISTS paper_fills_order ON paper_fills(paper_order_id);
CREATE INDEX IF NOT EXISTS account_snapshots_at ON account_snapshots(account, at);
