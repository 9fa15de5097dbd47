-- Clicks on tracking links per day, and the day's visitor hashes that make "unique visitors" (kept two days, then deleted).
CREATE TABLE dbo.tracking_link_days (
    token    NVARCHAR(20) NOT NULL,
    day      NVARCHAR(10) NOT NULL,
    clicks   INT          NOT NULL,
    visitors INT          NOT NULL,
    CONSTRAINT pk_tracking_link_days PRIMARY KEY (token, day)
);
GO

CREATE TABLE dbo.tracking_link_visitors (
    token   NVARCHAR(20) NOT NULL,
    day     NVARCHAR(10) NOT NULL,
    visitor NVARCHAR(64) NOT NULL,
    CONSTRAINT pk_tracking_link_visitors PRIMARY KEY (token, day, visitor)
);
GO
CREATE INDEX ix_tracking_link_visitors_day ON dbo.tracking_link_visitors (day);
GO
CREATE INDEX ix_applications_tracking_token ON dbo.applications (tracking_token) WHERE tracking_token IS NOT NULL;
GO
