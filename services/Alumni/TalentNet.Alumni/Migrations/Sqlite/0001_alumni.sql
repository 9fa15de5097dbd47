CREATE TABLE alumni (
    id                     TEXT    NOT NULL PRIMARY KEY,
    employee_id            TEXT    NOT NULL,
    full_name              TEXT    NOT NULL,
    work_email             TEXT    NOT NULL,
    personal_email         TEXT    NULL,
    department             TEXT    NOT NULL,
    role                   TEXT    NOT NULL,
    manager_name           TEXT    NOT NULL,
    manager_email          TEXT    NOT NULL,
    linkedin_url           TEXT    NULL,
    started_on             TEXT    NULL,
    last_day               TEXT    NOT NULL,
    reason                 TEXT    NOT NULL,
    would_return           TEXT    NULL,
    status                 TEXT    NOT NULL,
    rehire_eligibility     TEXT    NOT NULL,
    eligibility_note       TEXT    NULL,
    consent_alumni_network INTEGER NOT NULL,
    consent_rehire         INTEGER NOT NULL,
    consent_recommendation INTEGER NOT NULL,
    consent_referral_ask   INTEGER NOT NULL,
    recommendation_status  TEXT    NOT NULL,
    candidate_id           TEXT    NULL,
    returned_on            TEXT    NULL,
    months_away            INTEGER NULL,
    return_channel         TEXT    NULL,
    return_role            TEXT    NULL,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    version                INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_alumni_employee ON alumni (employee_id);
CREATE INDEX ix_alumni_personal_email ON alumni (personal_email);
CREATE INDEX ix_alumni_work_email ON alumni (work_email);
CREATE INDEX ix_alumni_candidate ON alumni (candidate_id);
CREATE INDEX ix_alumni_last_day ON alumni (last_day);

CREATE TABLE departures (
    id                 TEXT NOT NULL PRIMARY KEY,
    alumnus_id         TEXT NOT NULL,
    employee_id        TEXT NOT NULL,
    last_day           TEXT NOT NULL,
    reason             TEXT NOT NULL,
    department         TEXT NOT NULL,
    rehire_eligibility TEXT NOT NULL,
    body_hash          TEXT NOT NULL,
    body               TEXT NOT NULL,
    created_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_departures_employee_day ON departures (employee_id, last_day);
CREATE INDEX ix_departures_last_day ON departures (last_day);

CREATE TABLE referrals (
    id              TEXT NOT NULL PRIMARY KEY,
    alumnus_id      TEXT NOT NULL,
    candidate_name  TEXT NOT NULL,
    candidate_email TEXT NOT NULL,
    profile_url     TEXT NULL,
    job_id          TEXT NULL,
    note            TEXT NULL,
    status          TEXT NOT NULL,
    stage_reached   TEXT NULL,
    application_id  TEXT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX ix_referrals_alumnus ON referrals (alumnus_id, created_at);
CREATE INDEX ix_referrals_candidate_email ON referrals (candidate_email);

CREATE TABLE hires (
    application_id TEXT    NOT NULL PRIMARY KEY,
    candidate_id   TEXT    NOT NULL,
    alumnus_id     TEXT    NULL,
    hired_on       TEXT    NOT NULL
);
CREATE INDEX ix_hires_hired_on ON hires (hired_on);

CREATE TABLE timeline (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    alumnus_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL,
    occurred_at TEXT NOT NULL
);
CREATE INDEX ix_timeline_alumnus ON timeline (alumnus_id, id);
