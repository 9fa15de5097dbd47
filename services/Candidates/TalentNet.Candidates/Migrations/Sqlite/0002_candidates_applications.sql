CREATE TABLE candidates (
    id                  TEXT    NOT NULL PRIMARY KEY,
    full_name           TEXT    NOT NULL,
    email               TEXT    NOT NULL,
    phone               TEXT    NULL,
    profiles            TEXT    NOT NULL,
    tags                TEXT    NOT NULL,
    external_ids        TEXT    NOT NULL,
    former_alumnus_id   TEXT    NULL,
    rehire_eligibility  TEXT    NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    version             INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_candidates_email ON candidates (email);
CREATE INDEX ix_candidates_created ON candidates (created_at);

CREATE TABLE candidate_tags (
    candidate_id TEXT NOT NULL,
    tag          TEXT NOT NULL,
    PRIMARY KEY (candidate_id, tag)
);
CREATE INDEX ix_candidate_tags_tag ON candidate_tags (tag);

CREATE TABLE candidate_external_ids (
    system       TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_candidate_external_ids_candidate ON candidate_external_ids (candidate_id);

CREATE TABLE tracking_links (
    token      TEXT NOT NULL PRIMARY KEY,
    job_id     TEXT NOT NULL,
    channel    TEXT NOT NULL,
    campaign   TEXT NULL,
    shared_by  TEXT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_tracking_links_job ON tracking_links (job_id);

CREATE TABLE applications (
    id               TEXT    NOT NULL PRIMARY KEY,
    candidate_id     TEXT    NOT NULL,
    job_id           TEXT    NOT NULL,
    stage            TEXT    NOT NULL,
    stage_index      INTEGER NOT NULL,
    furthest_index   INTEGER NOT NULL,
    is_open          INTEGER NOT NULL,
    channel          TEXT    NOT NULL,
    campaign         TEXT    NULL,
    post_url         TEXT    NULL,
    shared_by        TEXT    NULL,
    referrer_kind    TEXT    NULL,
    referrer_id      TEXT    NULL,
    referrer_email   TEXT    NULL,
    tracking_token   TEXT    NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    hired_at         TEXT    NULL,
    version          INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_applications_open ON applications (candidate_id, job_id) WHERE is_open = 1;
CREATE INDEX ix_applications_job ON applications (job_id, created_at, id);
CREATE INDEX ix_applications_hired ON applications (hired_at) WHERE hired_at IS NOT NULL;
CREATE INDEX ix_applications_channel ON applications (channel, created_at);
CREATE INDEX ix_applications_candidate ON applications (candidate_id);

CREATE TABLE application_stage_history (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL,
    from_stage     TEXT NULL,
    to_stage       TEXT NOT NULL,
    actor          TEXT NOT NULL,
    reason         TEXT NULL,
    changed_at     TEXT NOT NULL
);
CREATE INDEX ix_application_stage_history_application ON application_stage_history (application_id, id);
