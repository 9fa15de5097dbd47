-- When an alumnus was erased (retention does not ask twice), and HR's legal hold that keeps an
-- opted-out alumnus past the retention of opted-out alumni.
ALTER TABLE dbo.alumni ADD erased_at DATETIMEOFFSET(7) NULL;
GO

ALTER TABLE dbo.alumni ADD legal_hold BIT NOT NULL CONSTRAINT df_alumni_legal_hold DEFAULT 0;
GO
