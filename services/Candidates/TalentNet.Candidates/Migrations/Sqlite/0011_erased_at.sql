-- When a candidate was anonymized (by erasure or retention): retention does not take them twice.
ALTER TABLE candidates ADD COLUMN erased_at TEXT NULL;
