-- When the read model last took a JobUpdated, so that a late, older edit cannot undo a newer one.
ALTER TABLE open_jobs ADD COLUMN changed_at TEXT NULL;
