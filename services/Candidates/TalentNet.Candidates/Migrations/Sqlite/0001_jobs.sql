CREATE TABLE jobs (
    id                   TEXT    NOT NULL PRIMARY KEY,
    title                TEXT    NOT NULL,
    department           TEXT    NOT NULL,
    location             TEXT    NULL,
    skills               TEXT    NOT NULL,
    hiring_manager_email TEXT    NOT NULL,
    status               TEXT    NOT NULL,
    pipeline             TEXT    NOT NULL,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    closed_at            TEXT    NULL,
    version              INTEGER NOT NULL
);

CREATE INDEX ix_jobs_status_department ON jobs (status, department);
