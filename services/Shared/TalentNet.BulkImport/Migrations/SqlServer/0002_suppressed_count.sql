-- Rows that named a person erased at their request (the suppression list) and created nothing.
ALTER TABLE dbo.imports ADD suppressed INT NOT NULL CONSTRAINT df_imports_suppressed DEFAULT 0;
GO
