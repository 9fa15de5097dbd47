CREATE TABLE outbox_messages (
    sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id      TEXT    NOT NULL UNIQUE,
    message_type    TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    headers         TEXT    NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    lock_owner      TEXT    NULL,
    lock_expires_at TEXT    NULL,
    processed_at    TEXT    NULL,
    last_error      TEXT    NULL
);

CREATE INDEX ix_outbox_messages_pending ON outbox_messages (sequence) WHERE processed_at IS NULL;
CREATE INDEX ix_outbox_messages_processed ON outbox_messages (processed_at) WHERE processed_at IS NOT NULL;

CREATE TABLE inbox_messages (
    message_id   TEXT NOT NULL,
    consumer     TEXT NOT NULL,
    message_type TEXT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (message_id, consumer)
);

CREATE INDEX ix_inbox_messages_processed ON inbox_messages (processed_at);
