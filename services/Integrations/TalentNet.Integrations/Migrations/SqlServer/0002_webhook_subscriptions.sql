-- Signed webhooks out (Standard Webhooks): who subscribed to what, and every delivery with its retries.
CREATE TABLE dbo.webhook_subscriptions (
    id                    UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_webhook_subscriptions PRIMARY KEY,
    url                   NVARCHAR(2000)    NOT NULL,
    event_types           NVARCHAR(MAX)     NOT NULL,
    description           NVARCHAR(500)     NULL,
    secret                NVARCHAR(100)     NOT NULL,
    previous_secret       NVARCHAR(100)     NULL,
    previous_secret_until DATETIMEOFFSET(7) NULL,
    enabled               INT               NOT NULL,
    disabled_reason       NVARCHAR(500)     NULL,
    failed_deliveries     INT               NOT NULL,
    created_at            DATETIMEOFFSET(7) NOT NULL,
    updated_at            DATETIMEOFFSET(7) NOT NULL,
    version               INT               NOT NULL
);
GO

CREATE TABLE dbo.webhook_outbound_deliveries (
    id               UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_webhook_outbound_deliveries PRIMARY KEY,
    subscription_id  UNIQUEIDENTIFIER  NOT NULL,
    event_type       NVARCHAR(100)     NOT NULL,
    event_id         UNIQUEIDENTIFIER  NOT NULL,
    payload          NVARCHAR(MAX)     NOT NULL,
    status           NVARCHAR(20)      NOT NULL,
    attempts         INT               NOT NULL,
    next_attempt_at  DATETIMEOFFSET(7) NULL,
    last_status_code INT               NULL,
    last_error       NVARCHAR(500)     NULL,
    created_at       DATETIMEOFFSET(7) NOT NULL,
    delivered_at     DATETIMEOFFSET(7) NULL
);
GO
CREATE UNIQUE INDEX ux_webhook_outbound_event ON dbo.webhook_outbound_deliveries (subscription_id, event_id);
GO
CREATE INDEX ix_webhook_outbound_due ON dbo.webhook_outbound_deliveries (subscription_id, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
GO
CREATE INDEX ix_webhook_outbound_created ON dbo.webhook_outbound_deliveries (created_at);
GO
