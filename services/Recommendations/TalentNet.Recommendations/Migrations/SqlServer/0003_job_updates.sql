-- When the read model last took a JobUpdated, so that a late, older edit cannot undo a newer one.
ALTER TABLE dbo.open_jobs ADD changed_at DATETIMEOFFSET(7) NULL;
GO
