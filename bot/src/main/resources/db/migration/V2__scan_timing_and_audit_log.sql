-- How long each scan took and how many symbols it had to skip, and an audit log of who did what.
ALTER TABLE scan_runs ADD COLUMN duration_ms INTEGER;
ALTER TABLE scan_runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,     -- ISO-8601 UTC
    actor   TEXT NOT NULL,     -- e.g. "shell", "telegram:12345", "rest", "scheduler"
    action  TEXT NOT NULL,
    detail  TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
