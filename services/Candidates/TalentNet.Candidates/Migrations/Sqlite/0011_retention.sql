-- Retention: when each rule last ran and how many records it changed (GET /api/privacy/retention),
-- and when a candidate was anonymized (by erasure or retention).
CREATE TABLE retention_runs (
    rule_name   TEXT    NOT NULL PRIMARY KEY,
    last_run_at TEXT    NOT NULL,
    affected    INTEGER NOT NULL
);

ALTER TABLE candidates ADD COLUMN erased_at TEXT NULL;
