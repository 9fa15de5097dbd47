-- A candidate has several addresses, each one candidate's (the primary one is also candidates.email);
-- a merged duplicate keeps only its id and whom it was merged into; Alumni says why it matched a former employee.
ALTER TABLE dbo.candidates ADD
    additional_emails NVARCHAR(MAX) NOT NULL CONSTRAINT df_candidates_additional_emails DEFAULT '[]',
    merged_into UNIQUEIDENTIFIER NULL,
    former_matched_on NVARCHAR(200) NULL;
GO

DROP INDEX ux_candidates_email ON dbo.candidates;
GO

CREATE TABLE dbo.candidate_emails (
    email        NVARCHAR(254)    NOT NULL PRIMARY KEY,
    candidate_id UNIQUEIDENTIFIER NOT NULL
);
GO

CREATE INDEX ix_candidate_emails_candidate ON dbo.candidate_emails (candidate_id);
GO

INSERT INTO dbo.candidate_emails (email, candidate_id) SELECT email, id FROM dbo.candidates;
GO
