CREATE TABLE dbo.alumni_read (
    alumnus_id             UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    full_name              NVARCHAR(200)     NOT NULL,
    personal_email         NVARCHAR(254)     NULL,
    work_email             NVARCHAR(254)     NOT NULL,
    linkedin_url           NVARCHAR(2000)    NULL,
    department             NVARCHAR(100)     NOT NULL,
    role                   NVARCHAR(200)     NOT NULL,
    manager_email          NVARCHAR(254)     NOT NULL,
    reason                 NVARCHAR(50)      NOT NULL,
    rehire_eligibility     NVARCHAR(20)      NOT NULL,
    consent_rehire         INT               NOT NULL,
    consent_recommendation INT               NOT NULL,
    would_return           NVARCHAR(10)      NULL,
    skills                 NVARCHAR(MAX)     NOT NULL,
    last_day               DATE              NOT NULL,
    status                 NVARCHAR(20)      NOT NULL,
    updated_at             DATETIMEOFFSET(7) NOT NULL
);
GO

CREATE TABLE dbo.recommendation_requests (
    id              UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    alumnus_id      UNIQUEIDENTIFIER  NOT NULL,
    departure_id    UNIQUEIDENTIFIER  NOT NULL,
    manager_email   NVARCHAR(254)     NOT NULL,
    department      NVARCHAR(100)     NOT NULL,
    status          NVARCHAR(20)      NOT NULL,
    due_on          DATE              NOT NULL,
    requested_at    DATETIMEOFFSET(7) NOT NULL,
    text            NVARCHAR(MAX)     NULL,
    strengths       NVARCHAR(MAX)     NULL,
    would_rehire    INT               NULL,
    published_url   NVARCHAR(2000)    NULL,
    decline_reason  NVARCHAR(500)     NULL,
    given_at        DATETIMEOFFSET(7) NULL,
    declined_at     DATETIMEOFFSET(7) NULL,
    expired_at      DATETIMEOFFSET(7) NULL,
    updated_at      DATETIMEOFFSET(7) NOT NULL,
    version         INT               NOT NULL
);
GO
CREATE UNIQUE INDEX ux_recommendation_requests_departure ON dbo.recommendation_requests (departure_id);
GO
CREATE INDEX ix_recommendation_requests_manager ON dbo.recommendation_requests (manager_email, status);
GO
CREATE INDEX ix_recommendation_requests_alumnus ON dbo.recommendation_requests (alumnus_id);
GO

CREATE TABLE dbo.recommendation_schedule (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    request_id      UNIQUEIDENTIFIER  NOT NULL,
    kind            NVARCHAR(20)      NOT NULL,
    days_from_due   INT               NOT NULL,
    due_at          DATETIMEOFFSET(7) NOT NULL,
    processed_at    DATETIMEOFFSET(7) NULL
);
GO
CREATE INDEX ix_recommendation_schedule_due ON dbo.recommendation_schedule (due_at) WHERE processed_at IS NULL;
GO

CREATE TABLE dbo.invitations (
    id          UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    job_id      UNIQUEIDENTIFIER  NOT NULL,
    alumnus_id  UNIQUEIDENTIFIER  NOT NULL,
    invited_by  NVARCHAR(254)     NOT NULL,
    created_at  DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE UNIQUE INDEX ux_invitations_job_alumnus ON dbo.invitations (job_id, alumnus_id);
GO
