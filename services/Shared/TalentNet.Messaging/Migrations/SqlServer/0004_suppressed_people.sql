-- The suppression list: people erased at their request, as a keyed hash of the normalized address
-- (never the address), so that imports, ATS webhooks and HRIS departures do not bring them back.
CREATE TABLE dbo.suppressed_people (
    hash          NVARCHAR(64)      NOT NULL CONSTRAINT pk_suppressed_people PRIMARY KEY,
    suppressed_at DATETIMEOFFSET(7) NOT NULL
);
GO
