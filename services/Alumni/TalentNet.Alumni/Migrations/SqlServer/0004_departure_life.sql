-- Departures can be corrected (updated_at) and withdrawn (rescinded_at); an alumnus's departures are read in order.
ALTER TABLE dbo.departures ADD updated_at DATETIMEOFFSET(7) NULL, rescinded_at DATETIMEOFFSET(7) NULL;
GO

CREATE INDEX ix_departures_alumnus ON dbo.departures (alumnus_id, last_day);
GO
