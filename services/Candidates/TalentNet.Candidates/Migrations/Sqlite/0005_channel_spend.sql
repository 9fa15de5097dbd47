-- What a channel (and campaign) cost per month, in the reporting currency. No personal data.
-- amount: ten-thousandths of the currency unit (TalentNet.Storage.Money), so sums stay exact.
CREATE TABLE channel_spend (
    id         TEXT    NOT NULL PRIMARY KEY,
    channel    TEXT    NOT NULL,
    campaign   TEXT    NOT NULL DEFAULT '',
    month      TEXT    NOT NULL,
    amount     INTEGER NOT NULL,
    currency   TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    version    INTEGER NOT NULL
);

CREATE UNIQUE INDEX ux_channel_spend_key ON channel_spend (channel, campaign, month);
CREATE INDEX ix_channel_spend_month ON channel_spend (month);
