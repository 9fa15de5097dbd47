CREATE TABLE alumni_read (
    alumnus_id             TEXT    NOT NULL PRIMARY KEY,
    full_name              TEXT    NOT NULL,
    personal_email         TEXT    NULL,
    work_email             TEXT    NOT NULL,
    linkedin_url           TEXT    NULL,
    department             TEXT    NOT NULL,
    role                   TEXT    NOT NULL,
    manager_email          TEXT    NOT NULL,
    reason                 TEXT    NOT NULL,
    rehire_eligibility     TEXT    NOT NULL,
    consent_rehire         INTEGER NOT NULL,
    consent_recommendation INTEGER NOT NULL,
    would_return           TEXT    NULL,
    skills                 TEXT    NOT NULL,
    last_day               TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL
);

CREATE TABLE recommendation_requests (
    id              TEXT    NOT NULL PRIMARY KEY,
    alumnus_id      TEXT    NOT NULL,
    departure_id    TEXT    NOT NULL,
    manager_email   TEXT    NOT NULL,
    department      TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    due_on          TEXT    NOT NULL,
    requested_at    TEXT    NOT NULL,
    text            TEXT    NULL,
    strengths       TEXT    NULL,
    would_rehire    INTEGER NULL,
    published_url   TEXT    NULL,
    decline_reason  TEXT    NULL,
    given_at        TEXT    NULL,
    declined_at     TEXT    NULL,
    expired_at      TEXT    NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_recommendation_requests_departure ON recommendation_requests (departure_id);
CREATE INDEX ix_recommendation_requests_manager ON recommendation_requests (manager_email, status);
CREATE INDEX ix_recommendation_requests_alumnus ON recommendation_requests (alumnus_id);

CREATE TABLE recommendation_schedule (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id      TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    days_from_due   INTEGER NOT NULL,
    due_at          TEXT    NOT NULL,
    processed_at    TEXT    NULL
);
CREATE INDEX ix_recommendation_schedule_due ON recommendation_schedule (due_at) WHERE processed_at IS NULL;

CREATE TABLE invitations (
    id          TEXT NOT NULL PRIMARY KEY,
    job_id      TEXT NOT NULL,
    alumnus_id  TEXT NOT NULL,
    invited_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_invitations_job_alumnus ON invitations (job_id, alumnus_id);
