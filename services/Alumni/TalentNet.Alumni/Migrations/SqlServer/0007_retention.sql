-- Retention: when each rule last ran and how many records it changed (GET /api/privacy/retention).
-- Since the rules became shared, the audit module's migrations create it first (its 0002).
IF OBJECT_ID(N'dbo.retention_runs', N'U') IS NULL
CREATE TABLE dbo.retention_runs (
    rule_name   NVARCHAR(50)      NOT NULL CONSTRAINT pk_retention_runs PRIMARY KEY,
    last_run_at DATETIMEOFFSET(7) NOT NULL,
    affected    INT               NOT NULL
);
GO
