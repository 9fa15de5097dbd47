-- Boomerang detection in both directions: what identifies each candidate (SHA-256 of kind and normalized value,
-- never the value), why each alumnus matched which candidate, and the alumnus's LinkedIn profile as compared.
ALTER TABLE alumni ADD COLUMN linkedin_key TEXT NULL;
CREATE INDEX ix_alumni_linkedin_key ON alumni (linkedin_key);
-- Rows from before: scheme, "www." and a trailing slash dropped, lower-cased (new rows are normalized in full).
UPDATE alumni SET linkedin_key = rtrim(replace(replace(replace(lower(linkedin_url), 'https://', ''), 'http://', ''), 'www.', ''), '/')
WHERE linkedin_url IS NOT NULL AND length(linkedin_url) <= 450;

CREATE TABLE candidate_identifiers (
    identifier   TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    PRIMARY KEY (identifier, candidate_id)
);
CREATE INDEX ix_candidate_identifiers_candidate ON candidate_identifiers (candidate_id);

CREATE TABLE boomerang_matches (
    alumnus_id   TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    matched_on   TEXT NOT NULL,
    matched_at   TEXT NOT NULL,
    PRIMARY KEY (alumnus_id, candidate_id)
);
CREATE INDEX ix_boomerang_matches_candidate ON boomerang_matches (candidate_id);
