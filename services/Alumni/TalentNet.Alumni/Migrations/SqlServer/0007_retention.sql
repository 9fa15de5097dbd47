-- Retention: when each rule last ran and how many records it changed (GET /api/privacy/retention).
CREATE TABLE dbo.retention_runs (
    rule_name   NVARCHAR(50)      NOT NULL CONSTRAINT pk_retention_runs PRIMARY KEY,
    last_run_at DATETIMEOFFSET(7) NOT NULL,
    affected    INT               NOT NULL
);
GO
