-- A consent change that arrived before the departure it belongs to (they travel on different queues):
-- kept until the departure comes, which then takes the newer consents.
CREATE TABLE early_consent_changes (
    alumnus_id             TEXT    NOT NULL PRIMARY KEY,
    consent_rehire         INTEGER NOT NULL,
    consent_recommendation INTEGER NOT NULL,
    consent_alumni_network INTEGER NOT NULL,
    status                 TEXT    NOT NULL,
    occurred_at            TEXT    NOT NULL
);
