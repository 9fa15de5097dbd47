-- Integrators poll with updatedSince; ATS deliveries find TalentNet's jobs and applications by the ATS's ids.
CREATE INDEX ix_candidates_updated ON candidates (updated_at);
CREATE INDEX ix_applications_updated ON applications (updated_at);

CREATE TABLE job_external_ids (
    system      TEXT NOT NULL,
    external_id TEXT NOT NULL,
    job_id      TEXT NOT NULL,
    PRIMARY KEY (system, external_id)
);

CREATE TABLE application_external_ids (
    system         TEXT NOT NULL,
    external_id    TEXT NOT NULL,
    application_id TEXT NOT NULL,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_application_external_ids_application ON application_external_ids (application_id);
