-- A row that can never be published (its event type is unknown after a rollback, or its payload no
-- longer reads as that type) moves here after its retries, so it stops holding back the rows behind it.
CREATE TABLE dbo.outbox_dead_letters (
    sequence         BIGINT NOT NULL CONSTRAINT pk_outbox_dead_letters PRIMARY KEY CLUSTERED,
    message_id       UNIQUEIDENTIFIER NOT NULL CONSTRAINT uq_outbox_dead_letters_message_id UNIQUE,
    message_type     NVARCHAR(200) NOT NULL,
    payload          NVARCHAR(MAX) NOT NULL,
    headers          NVARCHAR(MAX) NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    attempts         INT NOT NULL,
    dead_lettered_at DATETIMEOFFSET(7) NOT NULL,
    reason           NVARCHAR(2000) NOT NULL
);
GO
