-- An application's stage history is always read and written with the application: keep it on
-- the row as a JSON array (oldest first) instead of a separate table that every read joins.
ALTER TABLE dbo.applications ADD stage_history NVARCHAR(MAX) NOT NULL
    CONSTRAINT df_applications_stage_history DEFAULT N'[]';
GO

UPDATE a SET stage_history = (
    SELECT h.from_stage AS [from], h.to_stage AS [to], h.actor AS [actor], h.reason AS [reason], h.changed_at AS [changedAt]
    FROM dbo.application_stage_history AS h
    WHERE h.application_id = a.id
    ORDER BY h.id
    FOR JSON PATH, INCLUDE_NULL_VALUES)
FROM dbo.applications AS a
WHERE EXISTS (SELECT 1 FROM dbo.application_stage_history AS h WHERE h.application_id = a.id);
GO

DROP TABLE dbo.application_stage_history;
GO
