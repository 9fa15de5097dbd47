-- Mail to alumni (the welcome with their personal link, links they ask for): whether they are in the
-- alumni network, re-checked at send time, and what a mail needs that no table here holds (the link),
-- kept only until the mail is sent or skipped.
ALTER TABLE dbo.alumni_read ADD consent_alumni_network INT NULL;
GO

ALTER TABLE dbo.mail_outbox ADD details NVARCHAR(2000) NULL;
GO
