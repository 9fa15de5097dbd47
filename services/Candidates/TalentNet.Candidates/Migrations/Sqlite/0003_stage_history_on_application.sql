-- An application's stage history is always read and written with the application: keep it on
-- the row as a JSON array (oldest first) instead of a separate table that every read joins.
ALTER TABLE applications ADD COLUMN stage_history TEXT NOT NULL DEFAULT '[]';

UPDATE applications SET stage_history = (
    SELECT json_group_array(json_object(
        'from', h.from_stage, 'to', h.to_stage, 'actor', h.actor, 'reason', h.reason, 'changedAt', h.changed_at))
    FROM (SELECT * FROM application_stage_history WHERE application_id = applications.id ORDER BY id) AS h)
WHERE EXISTS (SELECT 1 FROM application_stage_history WHERE application_id = applications.id);

DROP TABLE application_stage_history;
