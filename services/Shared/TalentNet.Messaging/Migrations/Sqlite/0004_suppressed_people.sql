-- The suppression list: people erased at their request, as a keyed hash of the normalized address
-- (never the address), so that imports, ATS webhooks and HRIS departures do not bring them back.
CREATE TABLE suppressed_people (
    hash          TEXT NOT NULL PRIMARY KEY,
    suppressed_at TEXT NOT NULL
);
