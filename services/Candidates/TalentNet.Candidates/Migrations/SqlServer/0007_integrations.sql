-- Integrators poll with updatedSince; ATS deliveries find TalentNet's jobs and applications by the ATS's ids.
CREATE INDEX ix_candidates_updated ON dbo.candidates (updated_at);
GO
CREATE INDEX ix_applications_updated ON dbo.applications (updated_at);
GO

CREATE TABLE dbo.job_external_ids (
    system      NVARCHAR(50)     NOT NULL,
    external_id NVARCHAR(100)    NOT NULL,
    job_id      UNIQUEIDENTIFIER NOT NULL,
    CONSTRAINT pk_job_external_ids PRIMARY KEY (system, external_id)
);
GO

CREATE TABLE dbo.application_external_ids (
    system         NVARCHAR(50)     NOT NULL,
    external_id    NVARCHAR(100)    NOT NULL,
    application_id UNIQUEIDENTIFIER NOT NULL,
    CONSTRAINT pk_application_external_ids PRIMARY KEY (system, external_id)
);
GO
CREATE INDEX ix_application_external_ids_application ON dbo.application_external_ids (application_id);
GO
