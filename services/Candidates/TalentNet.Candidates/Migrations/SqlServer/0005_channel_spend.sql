-- What a channel (and campaign) cost per month, in the reporting currency. No personal data.
CREATE TABLE dbo.channel_spend (
    id         UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_channel_spend PRIMARY KEY,
    channel    NVARCHAR(50)      NOT NULL,
    campaign   NVARCHAR(100)     NOT NULL CONSTRAINT df_channel_spend_campaign DEFAULT N'',
    month      CHAR(7)           NOT NULL,
    amount     DECIMAL(19, 4)    NOT NULL,
    currency   CHAR(3)           NOT NULL,
    created_at DATETIMEOFFSET(7) NOT NULL,
    updated_at DATETIMEOFFSET(7) NOT NULL,
    version    INT               NOT NULL
);
GO

CREATE UNIQUE INDEX ux_channel_spend_key ON dbo.channel_spend (channel, campaign, month);
GO

CREATE INDEX ix_channel_spend_month ON dbo.channel_spend (month);
GO
