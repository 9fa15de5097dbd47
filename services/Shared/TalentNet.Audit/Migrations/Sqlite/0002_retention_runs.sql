-- Retention: when each of a service's rules last ran and how many records it changed (GET /api/privacy/retention).
-- Alumni had this table before the rules became shared: it stays as it is there.
CREATE TABLE IF NOT EXISTS retention_runs (
    rule_name   TEXT    NOT NULL PRIMARY KEY,
    last_run_at TEXT    NOT NULL,
    affected    INTEGER NOT NULL
);
