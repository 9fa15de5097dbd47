-- Raw ATS deliveries as received, kept for replay until Integrations:DeliveryRetention has passed.
CREATE TABLE webhook_deliveries (
    id          TEXT NOT NULL PRIMARY KEY,
    system      TEXT NOT NULL,
    dedupe_key  TEXT NOT NULL,
    action      TEXT NOT NULL,
    status      TEXT NOT NULL,
    detail      TEXT NULL,
    received_at TEXT NOT NULL,
    replayed_at TEXT NULL,
    attempts    INTEGER NOT NULL,
    next_attempt_at TEXT NULL,
    body        TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_webhook_deliveries_key ON webhook_deliveries (system, dedupe_key);
CREATE INDEX ix_webhook_deliveries_received ON webhook_deliveries (received_at);
-- Deliveries that still need the vendor's API (Lever sends ids only).
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
