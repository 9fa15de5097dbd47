-- Alumni matching ranks in SQL and reads only the top N: the skills and the words of the role are
-- kept as normalized terms ('|c#|sql|'), and the last day as a month number, so the score is plain SQL.
ALTER TABLE dbo.alumni_read ADD
    skill_terms NVARCHAR(MAX) NOT NULL CONSTRAINT df_alumni_read_skill_terms DEFAULT N'||',
    role_terms  NVARCHAR(400) NOT NULL CONSTRAINT df_alumni_read_role_terms DEFAULT N'||',
    last_month  INT NOT NULL CONSTRAINT df_alumni_read_last_month DEFAULT 0;
GO

UPDATE dbo.alumni_read SET
    skill_terms = N'|' + COALESCE((SELECT STRING_AGG(REPLACE(LOWER(LTRIM(RTRIM(s.value))), N'|', N'/'), N'|') FROM OPENJSON(skills) s), N'') + N'|',
    role_terms = N'|' + REPLACE(REPLACE(REPLACE(REPLACE(LOWER(role), N' ', N'|'), N'-', N'|'), N'/', N'|'), N',', N'|') + N'|',
    last_month = YEAR(last_day) * 12 + MONTH(last_day);
GO
