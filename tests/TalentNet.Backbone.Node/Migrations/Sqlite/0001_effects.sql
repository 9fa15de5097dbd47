-- No uniqueness on purpose: a message applied twice shows up as two rows.
CREATE TABLE effects (
    event_id    TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    consumed_at TEXT    NOT NULL
);
