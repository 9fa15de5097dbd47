-- Retention: when each rule last ran and how many records it changed (GET /api/privacy/retention),
-- and when a candidate was anonymized (by erasure or retention).
CREATE TABLE dbo.retention_runs (
    rule_name   NVARCHAR(50)      NOT NULL CONSTRAINT pk_retention_runs PRIMARY KEY,
    last_run_at DATETIMEOFFSET(7) NOT NULL,
    affected    INT               NOT NULL
);
GO

ALTER TABLE dbo.candidates ADD erased_at DATETIMEOFFSET(7) NULL;
GO
