-- The alumni page: personal links (only their id, purpose and times; the secret is signed, never stored),
-- the language the alumnus is written to in, who made each timeline entry (hr, alumnus, ...), and the
-- open jobs an alumnus can refer someone for, as learnt from Candidates' events.
CREATE TABLE dbo.alumni_links (
    id         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_alumni_links PRIMARY KEY,
    alumnus_id UNIQUEIDENTIFIER  NOT NULL,
    purpose    NVARCHAR(20)      NOT NULL,
    issued_at  DATETIMEOFFSET(7) NOT NULL,
    expires_at DATETIMEOFFSET(7) NOT NULL,
    used_at    DATETIMEOFFSET(7) NULL
);
GO

CREATE INDEX ix_alumni_links_alumnus ON dbo.alumni_links (alumnus_id, purpose, issued_at);
GO

ALTER TABLE dbo.alumni ADD language NVARCHAR(2) NULL;
GO

ALTER TABLE dbo.timeline ADD source NVARCHAR(20) NULL;
GO

CREATE TABLE dbo.referrable_jobs (
    job_id     UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_referrable_jobs PRIMARY KEY,
    title      NVARCHAR(200)     NOT NULL,
    department NVARCHAR(100)     NOT NULL,
    location   NVARCHAR(100)     NULL,
    changed_at DATETIMEOFFSET(7) NOT NULL,
    closed_at  DATETIMEOFFSET(7) NULL
);
GO

CREATE INDEX ix_referrable_jobs_open ON dbo.referrable_jobs (title) WHERE closed_at IS NULL;
GO
