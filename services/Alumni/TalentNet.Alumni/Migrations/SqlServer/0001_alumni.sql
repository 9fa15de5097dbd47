CREATE TABLE dbo.alumni (
    id                     UNIQUEIDENTIFIER    NOT NULL PRIMARY KEY,
    employee_id            NVARCHAR(200)    NOT NULL,
    full_name              NVARCHAR(200)    NOT NULL,
    work_email             NVARCHAR(254)    NOT NULL,
    personal_email         NVARCHAR(254)    NULL,
    department             NVARCHAR(200)    NOT NULL,
    role                   NVARCHAR(200)    NOT NULL,
    manager_name           NVARCHAR(200)    NOT NULL,
    manager_email          NVARCHAR(254)    NOT NULL,
    linkedin_url           NVARCHAR(2000)    NULL,
    started_on             DATE    NULL,
    last_day               DATE    NOT NULL,
    reason                 NVARCHAR(200)    NOT NULL,
    would_return           NVARCHAR(200)    NULL,
    status                 NVARCHAR(200)    NOT NULL,
    rehire_eligibility     NVARCHAR(200)    NOT NULL,
    eligibility_note       NVARCHAR(200)    NULL,
    consent_alumni_network INT NOT NULL,
    consent_rehire         INT NOT NULL,
    consent_recommendation INT NOT NULL,
    consent_referral_ask   INT NOT NULL,
    recommendation_status  NVARCHAR(200)    NOT NULL,
    candidate_id           UNIQUEIDENTIFIER    NULL,
    returned_on            DATE    NULL,
    months_away            INT NULL,
    return_channel         NVARCHAR(200)    NULL,
    return_role            NVARCHAR(200)    NULL,
    created_at             DATETIMEOFFSET(7)    NOT NULL,
    updated_at             DATETIMEOFFSET(7)    NOT NULL,
    version                INT NOT NULL
);
GO

CREATE UNIQUE INDEX ux_alumni_employee ON dbo.alumni (employee_id);
GO

CREATE INDEX ix_alumni_personal_email ON dbo.alumni (personal_email);
GO

CREATE INDEX ix_alumni_work_email ON dbo.alumni (work_email);
GO

CREATE INDEX ix_alumni_candidate ON dbo.alumni (candidate_id);
GO

CREATE INDEX ix_alumni_last_day ON dbo.alumni (last_day);
GO

CREATE TABLE dbo.departures (
    id                 UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    alumnus_id         UNIQUEIDENTIFIER NOT NULL,
    employee_id        NVARCHAR(200) NOT NULL,
    last_day           DATE NOT NULL,
    reason             NVARCHAR(200) NOT NULL,
    department         NVARCHAR(200) NOT NULL,
    rehire_eligibility NVARCHAR(200) NOT NULL,
    body_hash          NVARCHAR(200) NOT NULL,
    body               NVARCHAR(MAX) NOT NULL,
    created_at         DATETIMEOFFSET(7) NOT NULL
);
GO

CREATE UNIQUE INDEX ux_departures_employee_day ON dbo.departures (employee_id, last_day);
GO

CREATE INDEX ix_departures_last_day ON dbo.departures (last_day);
GO

CREATE TABLE dbo.referrals (
    id              UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
    alumnus_id      UNIQUEIDENTIFIER NOT NULL,
    candidate_name  NVARCHAR(200) NOT NULL,
    candidate_email NVARCHAR(254) NOT NULL,
    profile_url     NVARCHAR(2000) NULL,
    job_id          UNIQUEIDENTIFIER NULL,
    note            NVARCHAR(MAX) NULL,
    status          NVARCHAR(200) NOT NULL,
    stage_reached   NVARCHAR(200) NULL,
    application_id  UNIQUEIDENTIFIER NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    updated_at      DATETIMEOFFSET(7) NOT NULL
);
GO

CREATE INDEX ix_referrals_alumnus ON dbo.referrals (alumnus_id, created_at);
GO

CREATE INDEX ix_referrals_candidate_email ON dbo.referrals (candidate_email);
GO

CREATE TABLE dbo.hires (
    application_id UNIQUEIDENTIFIER    NOT NULL PRIMARY KEY,
    candidate_id   UNIQUEIDENTIFIER    NOT NULL,
    alumnus_id     UNIQUEIDENTIFIER    NULL,
    hired_on       DATE    NOT NULL
);
GO

CREATE INDEX ix_hires_hired_on ON dbo.hires (hired_on);
GO

CREATE TABLE dbo.timeline (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    alumnus_id  UNIQUEIDENTIFIER NOT NULL,
    kind        NVARCHAR(200) NOT NULL,
    detail      NVARCHAR(MAX) NOT NULL,
    occurred_at DATETIMEOFFSET(7) NOT NULL
);
GO

CREATE INDEX ix_timeline_alumnus ON dbo.timeline (alumnus_id, id);
GO
