-- A candidate has several addresses, each one candidate's (the primary one is also candidates.email);
-- a merged duplicate keeps only its id and whom it was merged into; Alumni says why it matched a former employee.
ALTER TABLE candidates ADD COLUMN additional_emails TEXT NOT NULL DEFAULT '[]';
ALTER TABLE candidates ADD COLUMN merged_into TEXT NULL;
ALTER TABLE candidates ADD COLUMN former_matched_on TEXT NULL;
DROP INDEX ux_candidates_email;
CREATE TABLE candidate_emails (
    email        TEXT NOT NULL PRIMARY KEY,
    candidate_id TEXT NOT NULL
);
CREATE INDEX ix_candidate_emails_candidate ON candidate_emails (candidate_id);
INSERT INTO candidate_emails (email, candidate_id) SELECT email, id FROM candidates;
