-- Bulk imports (TalentNet.BulkImport): one row per file, its counts, and the first errors. The file itself is spooled to disk and deleted when done.
CREATE TABLE imports (
    id           TEXT    NOT NULL PRIMARY KEY,
    kind         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    format       TEXT    NOT NULL,
    read_rows    INTEGER NOT NULL,
    created      INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    failed       INTEGER NOT NULL,
    detail       TEXT    NULL,
    created_by   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    completed_at TEXT    NULL
);

CREATE TABLE import_errors (
    import_id TEXT    NOT NULL,
    row_number INTEGER NOT NULL,
    field     TEXT    NOT NULL,
    message   TEXT    NOT NULL
);
CREATE INDEX ix_import_errors_import ON import_errors (import_id, row_number);
