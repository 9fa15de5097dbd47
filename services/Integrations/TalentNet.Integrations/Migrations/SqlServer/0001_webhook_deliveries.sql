-- Raw ATS deliveries as received, kept for replay until Integrations:DeliveryRetention has passed.
CREATE TABLE dbo.webhook_deliveries (
    id          UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
    system      NVARCHAR(20)      NOT NULL,
    dedupe_key  NVARCHAR(100)     NOT NULL,
    action      NVARCHAR(100)     NOT NULL,
    status      NVARCHAR(20)      NOT NULL,
    detail      NVARCHAR(500)     NULL,
    received_at DATETIMEOFFSET(7) NOT NULL,
    replayed_at DATETIMEOFFSET(7) NULL,
    attempts    INT               NOT NULL,
    next_attempt_at DATETIMEOFFSET(7) NULL,
    body        NVARCHAR(MAX)     NOT NULL
);
GO
CREATE UNIQUE INDEX ux_webhook_deliveries_key ON dbo.webhook_deliveries (system, dedupe_key);
GO
CREATE INDEX ix_webhook_deliveries_received ON dbo.webhook_deliveries (received_at);
GO
-- Deliveries that still need the vendor's API (Lever sends ids only).
CREATE INDEX ix_webhook_deliveries_pending ON dbo.webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
GO
