-- Why an application was rejected (a key of Candidates:RejectionReasons) and from which stage, for the funnel.
ALTER TABLE dbo.applications ADD rejection_reason NVARCHAR(50) NULL, rejected_from NVARCHAR(50) NULL;
GO
