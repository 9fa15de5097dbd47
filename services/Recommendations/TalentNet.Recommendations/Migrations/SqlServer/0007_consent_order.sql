-- When the consents in the read model were given or changed (the event's time), so that an older
-- event arriving late never overwrites a newer consent or opt-out.
ALTER TABLE dbo.alumni_read ADD consent_changed_at DATETIMEOFFSET(7) NULL;
GO
