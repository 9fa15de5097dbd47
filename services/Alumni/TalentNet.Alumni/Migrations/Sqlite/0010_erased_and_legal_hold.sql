-- When an alumnus was erased (retention does not ask twice), and HR's legal hold that keeps an
-- opted-out alumnus past the retention of opted-out alumni.
ALTER TABLE alumni ADD COLUMN erased_at TEXT NULL;
ALTER TABLE alumni ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0;
