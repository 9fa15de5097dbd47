-- When a candidate was anonymized (by erasure or retention): retention does not take them twice.
ALTER TABLE dbo.candidates ADD erased_at DATETIMEOFFSET(7) NULL;
GO
