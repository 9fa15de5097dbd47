-- The job's public posting, where a shared tracking link sends people.
ALTER TABLE jobs ADD COLUMN posting_url TEXT NULL;
