-- Retention: when each rule last ran and how many records it changed (GET /api/privacy/retention).
-- Since the rules became shared, the audit module's migrations create it first (its 0002).
CREATE TABLE IF NOT EXISTS retention_runs (
    rule_name   TEXT    NOT NULL PRIMARY KEY,
    last_run_at TEXT    NOT NULL,
    affected    INTEGER NOT NULL
);
