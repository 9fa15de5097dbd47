CREATE TABLE bench_effects (event_id TEXT NOT NULL PRIMARY KEY, sequence INTEGER NOT NULL, consumed_at TEXT NOT NULL);
