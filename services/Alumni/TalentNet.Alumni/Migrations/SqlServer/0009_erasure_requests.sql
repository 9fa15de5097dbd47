-- Erasure requests (GDPR Art. 17) and each service's report. Who is erased is not kept here: only
-- the event carried the addresses, and every service drops its copies of it once it has erased.
CREATE TABLE dbo.erasure_requests (
    id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_erasure_requests PRIMARY KEY,
    requested_by NVARCHAR(200)     NOT NULL,
    requested_at DATETIMEOFFSET(7) NOT NULL,
    completed_at DATETIMEOFFSET(7) NULL
);
GO
CREATE TABLE dbo.erasure_reports (
    request_id UNIQUEIDENTIFIER  NOT NULL,
    service    NVARCHAR(50)      NOT NULL,
    records    INT               NOT NULL,
    erased_at  DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT pk_erasure_reports PRIMARY KEY (request_id, service)
);
GO
