CREATE TABLE dbo.effects (
    event_id    UNIQUEIDENTIFIER  NOT NULL,
    number      INT               NOT NULL,
    consumed_at DATETIMEOFFSET(7) NOT NULL
);
GO
