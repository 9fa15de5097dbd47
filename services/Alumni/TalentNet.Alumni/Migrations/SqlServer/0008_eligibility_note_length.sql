-- HR's note on an eligibility override may be as long as the API accepts (1,000 characters).
ALTER TABLE dbo.alumni ALTER COLUMN eligibility_note NVARCHAR(1000) NULL;
GO
