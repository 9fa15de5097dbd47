-- Retention: when each of a service's rules last ran and how many records it changed (GET /api/privacy/retention).
-- Alumni had this table before the rules became shared: it stays as it is there.
IF OBJECT_ID(N'dbo.retention_runs', N'U') IS NULL
CREATE TABLE dbo.retention_runs (
    rule_name   NVARCHAR(50)      NOT NULL CONSTRAINT pk_retention_runs PRIMARY KEY,
    last_run_at DATETIMEOFFSET(7) NOT NULL,
    affected    INT               NOT NULL
);
GO
