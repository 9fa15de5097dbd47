CREATE TABLE dbo.open_jobs (
    job_id               UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_open_jobs PRIMARY KEY,
    title                NVARCHAR(200)     NOT NULL,
    department           NVARCHAR(100)     NOT NULL,
    location             NVARCHAR(100)     NULL,
    skills               NVARCHAR(MAX)     NOT NULL,
    hiring_manager_email NVARCHAR(254)     NOT NULL,
    opened_at            DATETIMEOFFSET(7) NOT NULL,
    closed_at            DATETIMEOFFSET(7) NULL
);
GO
