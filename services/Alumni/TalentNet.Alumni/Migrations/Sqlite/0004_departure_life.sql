-- Departures can be corrected (updated_at) and withdrawn (rescinded_at); an alumnus's departures are read in order.
ALTER TABLE departures ADD COLUMN updated_at TEXT NULL;
ALTER TABLE departures ADD COLUMN rescinded_at TEXT NULL;
CREATE INDEX ix_departures_alumnus ON departures (alumnus_id, last_day);
