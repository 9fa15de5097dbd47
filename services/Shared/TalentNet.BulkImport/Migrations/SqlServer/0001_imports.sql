-- Bulk imports (TalentNet.BulkImport): one row per file, its counts, and the first errors. The file itself is spooled to disk and deleted when done.
CREATE TABLE dbo.imports (
    id           UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_imports PRIMARY KEY,
    kind         NVARCHAR(50)      NOT NULL,
    status       NVARCHAR(20)      NOT NULL,
    format       NVARCHAR(20)      NOT NULL,
    read_rows    INT               NOT NULL,
    created      INT               NOT NULL,
    updated      INT               NOT NULL,
    unchanged    INT               NOT NULL,
    failed       INT               NOT NULL,
    detail       NVARCHAR(500)     NULL,
    created_by   NVARCHAR(200)     NOT NULL,
    created_at   DATETIMEOFFSET(7) NOT NULL,
    completed_at DATETIMEOFFSET(7) NULL
);
GO

CREATE TABLE dbo.import_errors (
    import_id  UNIQUEIDENTIFIER NOT NULL,
    row_number INT              NOT NULL,
    field      NVARCHAR(100)    NOT NULL,
    message    NVARCHAR(500)    NOT NULL
);
GO
CREATE INDEX ix_import_errors_import ON dbo.import_errors (import_id, row_number);
GO
