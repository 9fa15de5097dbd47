-- E-mail to former managers and HR: a mail outbox keyed by what each mail is about (sent once), and what
-- the mails need from the departure (the language to write in, the manager's name).
ALTER TABLE alumni_read ADD COLUMN language TEXT NULL;
ALTER TABLE alumni_read ADD COLUMN manager_name TEXT NULL;
-- Who gave, declined, published or reassigned a request (the manager, or HR in the manager's name).
ALTER TABLE recommendation_requests ADD COLUMN acted_by TEXT NULL;

CREATE TABLE mail_outbox (
    id              TEXT    NOT NULL PRIMARY KEY,
    mail_key        TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject_id      TEXT    NULL,
    recipient       TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT    NOT NULL,
    lease_until     TEXT    NULL,
    last_error      TEXT    NULL,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT    NULL
);
CREATE UNIQUE INDEX ux_mail_outbox_key ON mail_outbox (mail_key);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_mail_outbox_status ON mail_outbox (status, created_at);
