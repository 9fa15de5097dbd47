-- A row that can never be published (its event type is unknown after a rollback, or its payload no
-- longer reads as that type) moves here after its retries, so it stops holding back the rows behind it.
CREATE TABLE outbox_dead_letters (
    sequence         INTEGER PRIMARY KEY,
    message_id       TEXT    NOT NULL UNIQUE,
    message_type     TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    headers          TEXT    NULL,
    created_at       TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    dead_lettered_at TEXT    NOT NULL,
    reason           TEXT    NOT NULL
);
