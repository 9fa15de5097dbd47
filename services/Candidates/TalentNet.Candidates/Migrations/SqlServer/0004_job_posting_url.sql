-- The job's public posting, where a shared tracking link sends people.
ALTER TABLE dbo.jobs ADD posting_url NVARCHAR(2000) NULL;
GO
