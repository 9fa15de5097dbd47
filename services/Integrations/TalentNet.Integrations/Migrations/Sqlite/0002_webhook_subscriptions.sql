-- Signed webhooks out (Standard Webhooks): who subscribed to what, and every delivery with its retries.
CREATE TABLE webhook_subscriptions (
    id                    TEXT    NOT NULL PRIMARY KEY,
    url                   TEXT    NOT NULL,
    event_types           TEXT    NOT NULL,
    description           TEXT    NULL,
    secret                TEXT    NOT NULL,
    previous_secret       TEXT    NULL,
    previous_secret_until TEXT    NULL,
    enabled               INTEGER NOT NULL,
    disabled_reason       TEXT    NULL,
    failed_deliveries     INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    version               INTEGER NOT NULL
);

CREATE TABLE webhook_outbound_deliveries (
    id               TEXT    NOT NULL PRIMARY KEY,
    subscription_id  TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    event_id         TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT    NULL,
    last_status_code INTEGER NULL,
    last_error       TEXT    NULL,
    created_at       TEXT    NOT NULL,
    delivered_at     TEXT    NULL
);
CREATE UNIQUE INDEX ux_webhook_outbound_event ON webhook_outbound_deliveries (subscription_id, event_id);
CREATE INDEX ix_webhook_outbound_due ON webhook_outbound_deliveries (subscription_id, next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX ix_webhook_outbound_created ON webhook_outbound_deliveries (created_at);
