-- Erasure requests (GDPR Art. 17) and each service's report. Who is erased is not kept here: only
-- the event carried the addresses, and every service drops its copies of it once it has erased.
CREATE TABLE erasure_requests (
    id           TEXT NOT NULL PRIMARY KEY,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    completed_at TEXT NULL
);

CREATE TABLE erasure_reports (
    request_id TEXT    NOT NULL,
    service    TEXT    NOT NULL,
    records    INTEGER NOT NULL,
    erased_at  TEXT    NOT NULL,
    PRIMARY KEY (request_id, service)
);
