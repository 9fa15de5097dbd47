-- The relay orders by sequence only among the rows present, which a plain rowid key already
-- guarantees (a new row always gets more than the largest one there). AUTOINCREMENT also kept a
-- sqlite_sequence row that every enqueue rewrote: one more page per committed transaction.
CREATE TABLE outbox_messages_rowid (
    sequence        INTEGER PRIMARY KEY,
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

INSERT INTO outbox_messages_rowid (sequence, message_id, message_type, payload, headers, created_at, attempts,
    next_attempt_at, lock_owner, lock_expires_at, processed_at, last_error)
SELECT sequence, message_id, message_type, payload, headers, created_at, attempts,
    next_attempt_at, lock_owner, lock_expires_at, processed_at, last_error
FROM outbox_messages;

DROP TABLE outbox_messages;
ALTER TABLE outbox_messages_rowid RENAME TO outbox_messages;

CREATE INDEX ix_outbox_messages_pending ON outbox_messages (sequence) WHERE processed_at IS NULL;
CREATE INDEX ix_outbox_messages_processed ON outbox_messages (processed_at) WHERE processed_at IS NOT NULL;
