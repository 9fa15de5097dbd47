CREATE TABLE open_jobs (
    job_id               TEXT NOT NULL PRIMARY KEY,
    title                TEXT NOT NULL,
    department           TEXT NOT NULL,
    location             TEXT NULL,
    skills               TEXT NOT NULL,
    hiring_manager_email TEXT NOT NULL,
    opened_at            TEXT NOT NULL,
    closed_at            TEXT NULL
);
