-- Boomerang detection in both directions: what identifies each candidate (SHA-256 of kind and normalized value,
-- never the value), why each alumnus matched which candidate, and the alumnus's LinkedIn profile as compared.
ALTER TABLE dbo.alumni ADD linkedin_key NVARCHAR(450) NULL;
GO

-- Rows from before: scheme, "www." and a trailing slash dropped, lower-cased (new rows are normalized in full).
UPDATE dbo.alumni
SET linkedin_key = CASE WHEN RIGHT(k.stripped, 1) = '/' THEN LEFT(k.stripped, LEN(k.stripped) - 1) ELSE k.stripped END
FROM dbo.alumni
CROSS APPLY (SELECT REPLACE(REPLACE(REPLACE(LOWER(linkedin_url), 'https://', ''), 'http://', ''), 'www.', '') AS stripped) AS k
WHERE linkedin_url IS NOT NULL AND LEN(linkedin_url) <= 450;
GO

CREATE INDEX ix_alumni_linkedin_key ON dbo.alumni (linkedin_key) WHERE linkedin_key IS NOT NULL;
GO

CREATE TABLE dbo.candidate_identifiers (
    identifier   NVARCHAR(64)     NOT NULL,
    candidate_id UNIQUEIDENTIFIER NOT NULL,
    CONSTRAINT pk_candidate_identifiers PRIMARY KEY (identifier, candidate_id)
);
GO

CREATE INDEX ix_candidate_identifiers_candidate ON dbo.candidate_identifiers (candidate_id);
GO

CREATE TABLE dbo.boomerang_matches (
    alumnus_id   UNIQUEIDENTIFIER  NOT NULL,
    candidate_id UNIQUEIDENTIFIER  NOT NULL,
    matched_on   NVARCHAR(200)     NOT NULL,
    matched_at   DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT pk_boomerang_matches PRIMARY KEY (alumnus_id, candidate_id)
);
GO

CREATE INDEX ix_boomerang_matches_candidate ON dbo.boomerang_matches (candidate_id);
GO
