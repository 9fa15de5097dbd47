-- The alumni page: personal links (only their id, purpose and times; the secret is signed, never stored),
-- the language the alumnus is written to in, who made each timeline entry (hr, alumnus, ...), and the
-- open jobs an alumnus can refer someone for, as learnt from Candidates' events.
CREATE TABLE alumni_links (
    id         TEXT NOT NULL PRIMARY KEY,
    alumnus_id TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT NULL
);
CREATE INDEX ix_alumni_links_alumnus ON alumni_links (alumnus_id, purpose, issued_at);

ALTER TABLE alumni ADD COLUMN language TEXT NULL;
ALTER TABLE timeline ADD COLUMN source TEXT NULL;

CREATE TABLE referrable_jobs (
    job_id     TEXT NOT NULL PRIMARY KEY,
    title      TEXT NOT NULL,
    department TEXT NOT NULL,
    location   TEXT NULL,
    changed_at TEXT NOT NULL,
    closed_at  TEXT NULL
);
CREATE INDEX ix_referrable_jobs_open ON referrable_jobs (title) WHERE closed_at IS NULL;
