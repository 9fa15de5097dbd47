CREATE TABLE dbo.candidates (
    id                  UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_candidates PRIMARY KEY,
    full_name           NVARCHAR(200)     NOT NULL,
    email               NVARCHAR(254)     NOT NULL,
    phone               NVARCHAR(50)      NULL,
    profiles            NVARCHAR(MAX)     NOT NULL,
    tags                NVARCHAR(MAX)     NOT NULL,
    external_ids        NVARCHAR(MAX)     NOT NULL,
    former_alumnus_id   UNIQUEIDENTIFIER  NULL,
    rehire_eligibility  NVARCHAR(20)      NULL,
    created_at          DATETIMEOFFSET(7) NOT NULL,
    updated_at          DATETIMEOFFSET(7) NOT NULL,
    version             INT               NOT NULL
);
GO
CREATE UNIQUE INDEX ux_candidates_email ON dbo.candidates (email);
GO
CREATE INDEX ix_candidates_created ON dbo.candidates (created_at);
GO

CREATE TABLE dbo.candidate_tags (
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    tag          NVARCHAR(50)     NOT NULL,
    CONSTRAINT pk_candidate_tags PRIMARY KEY (candidate_id, tag)
);
GO
CREATE INDEX ix_candidate_tags_tag ON dbo.candidate_tags (tag);
GO

CREATE TABLE dbo.candidate_external_ids (
    system       NVARCHAR(50)     NOT NULL,
    external_id  NVARCHAR(100)    NOT NULL,
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    CONSTRAINT pk_candidate_external_ids PRIMARY KEY (system, external_id)
);
GO
CREATE INDEX ix_candidate_external_ids_candidate ON dbo.candidate_external_ids (candidate_id);
GO

CREATE TABLE dbo.tracking_links (
    token      NVARCHAR(20)      NOT NULL CONSTRAINT pk_tracking_links PRIMARY KEY,
    job_id     UNIQUEIDENTIFIER  NOT NULL,
    channel    NVARCHAR(30)      NOT NULL,
    campaign   NVARCHAR(100)     NULL,
    shared_by  NVARCHAR(254)     NULL,
    created_by NVARCHAR(200)     NOT NULL,
    created_at DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX ix_tracking_links_job ON dbo.tracking_links (job_id);
GO

CREATE TABLE dbo.applications (
    id               UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_applications PRIMARY KEY,
    candidate_id     UNIQUEIDENTIFIER  NOT NULL,
    job_id           UNIQUEIDENTIFIER  NOT NULL,
    stage            NVARCHAR(50)      NOT NULL,
    stage_index      INT               NOT NULL,
    furthest_index   INT               NOT NULL,
    is_open          INT               NOT NULL,
    channel          NVARCHAR(30)      NOT NULL,
    campaign         NVARCHAR(100)     NULL,
    post_url         NVARCHAR(2000)    NULL,
    shared_by        NVARCHAR(254)     NULL,
    referrer_kind    NVARCHAR(20)      NULL,
    referrer_id      NVARCHAR(100)     NULL,
    referrer_email   NVARCHAR(254)     NULL,
    tracking_token   NVARCHAR(20)      NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    updated_at       DATETIMEOFFSET(7) NOT NULL,
    hired_at         DATETIMEOFFSET(7) NULL,
    version          INT               NOT NULL
);
GO
CREATE UNIQUE INDEX ux_applications_open ON dbo.applications (candidate_id, job_id) WHERE is_open = 1;
GO
CREATE INDEX ix_applications_job ON dbo.applications (job_id, created_at, id);
GO
CREATE INDEX ix_applications_hired ON dbo.applications (hired_at) WHERE hired_at IS NOT NULL;
GO
CREATE INDEX ix_applications_channel ON dbo.applications (channel, created_at);
GO
CREATE INDEX ix_applications_candidate ON dbo.applications (candidate_id);
GO

CREATE TABLE dbo.application_stage_history (
    id             BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_application_stage_history PRIMARY KEY,
    application_id UNIQUEIDENTIFIER  NOT NULL,
    from_stage     NVARCHAR(50)      NULL,
    to_stage       NVARCHAR(50)      NOT NULL,
    actor          NVARCHAR(200)     NOT NULL,
    reason         NVARCHAR(500)     NULL,
    changed_at     DATETIMEOFFSET(7) NOT NULL
);
GO
CREATE INDEX ix_application_stage_history_application ON dbo.application_stage_history (application_id, id);
GO
