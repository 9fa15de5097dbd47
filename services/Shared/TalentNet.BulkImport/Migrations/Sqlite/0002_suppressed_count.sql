-- Rows that named a person erased at their request (the suppression list) and created nothing.
ALTER TABLE imports ADD COLUMN suppressed INTEGER NOT NULL DEFAULT 0;
