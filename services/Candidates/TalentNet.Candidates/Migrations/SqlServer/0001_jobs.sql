CREATE TABLE dbo.jobs (
    id                   UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_jobs PRIMARY KEY,
    title                NVARCHAR(200)     NOT NULL,
    department           NVARCHAR(100)     NOT NULL,
    location             NVARCHAR(100)     NULL,
    skills               NVARCHAR(MAX)     NOT NULL,
    hiring_manager_email NVARCHAR(254)     NOT NULL,
    status               NVARCHAR(20)      NOT NULL,
    pipeline             NVARCHAR(MAX)     NOT NULL,
    created_at           DATETIMEOFFSET(7) NOT NULL,
    updated_at           DATETIMEOFFSET(7) NOT NULL,
    closed_at            DATETIMEOFFSET(7) NULL,
    version              INT               NOT NULL
);
GO

CREATE INDEX ix_jobs_status_department ON dbo.jobs (status, department);
GO
