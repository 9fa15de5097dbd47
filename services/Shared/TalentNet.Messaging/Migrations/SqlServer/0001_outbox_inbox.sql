CREATE TABLE dbo.outbox_messages (
    sequence        BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_outbox_messages PRIMARY KEY CLUSTERED,
    message_id      UNIQUEIDENTIFIER NOT NULL CONSTRAINT uq_outbox_messages_message_id UNIQUE,
    message_type    NVARCHAR(200) NOT NULL,
    payload         NVARCHAR(MAX) NOT NULL,
    headers         NVARCHAR(MAX) NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    attempts        INT NOT NULL CONSTRAINT df_outbox_messages_attempts DEFAULT 0,
    next_attempt_at DATETIMEOFFSET(7) NOT NULL,
    lock_owner      NVARCHAR(200) NULL,
    lock_expires_at DATETIMEOFFSET(7) NULL,
    processed_at    DATETIMEOFFSET(7) NULL,
    last_error      NVARCHAR(2000) NULL
);
GO

CREATE INDEX ix_outbox_messages_pending ON dbo.outbox_messages (sequence)
    INCLUDE (next_attempt_at, lock_owner, lock_expires_at, created_at) WHERE processed_at IS NULL;
GO

CREATE INDEX ix_outbox_messages_processed ON dbo.outbox_messages (processed_at) WHERE processed_at IS NOT NULL;
GO

CREATE TABLE dbo.inbox_messages (
    message_id   UNIQUEIDENTIFIER NOT NULL,
    consumer     NVARCHAR(200) NOT NULL,
    message_type NVARCHAR(200) NULL,
    processed_at DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT pk_inbox_messages PRIMARY KEY CLUSTERED (message_id, consumer)
);
GO

CREATE INDEX ix_inbox_messages_processed ON dbo.inbox_messages (processed_at);
GO
