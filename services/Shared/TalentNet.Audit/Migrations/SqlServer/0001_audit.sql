-- The audit log (TalentNet.Audit): who read exit-interview data or recommendation text, and who changed a
-- person's data, when, and what (the operation and the record's id; never the data itself).
CREATE TABLE dbo.audit_log (
    id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_audit_log PRIMARY KEY,
    occurred_at DATETIMEOFFSET(7)     NOT NULL,
    actor       NVARCHAR(300)         NOT NULL,
    action      NVARCHAR(20)          NOT NULL,
    operation   NVARCHAR(300)         NOT NULL,
    subject_id  UNIQUEIDENTIFIER      NULL,
    status      INT                   NOT NULL
);
GO

CREATE INDEX ix_audit_log_subject ON dbo.audit_log (subject_id, id);
GO

CREATE INDEX ix_audit_log_occurred ON dbo.audit_log (occurred_at);
GO
