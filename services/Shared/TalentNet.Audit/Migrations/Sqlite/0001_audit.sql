-- The audit log (TalentNet.Audit): who read exit-interview data or recommendation text, and who changed a
-- person's data, when, and what (the operation and the record's id; never the data itself).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    occurred_at TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    operation   TEXT    NOT NULL,
    subject_id  TEXT    NULL,
    status      INTEGER NOT NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject_id, id);
CREATE INDEX ix_audit_log_occurred ON audit_log (occurred_at);
