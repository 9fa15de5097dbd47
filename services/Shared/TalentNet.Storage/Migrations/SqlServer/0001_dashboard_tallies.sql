-- Counts the dashboards read instead of scanning the tables they summarize (see the SQLite script).
-- The key is wider than a clustered key may be (900 bytes): a heap clustered by metric and month instead.
CREATE TABLE dbo.dashboard_tallies (
    metric     VARCHAR(40)   NOT NULL,
    month      CHAR(7)       NOT NULL,
    department NVARCHAR(200) NOT NULL,
    channel    VARCHAR(40)   NOT NULL,
    campaign   NVARCHAR(100) NOT NULL,
    label      NVARCHAR(254) NOT NULL,
    value      INT           NOT NULL,
    total      BIGINT        NOT NULL,
    CONSTRAINT pk_dashboard_tallies PRIMARY KEY NONCLUSTERED (metric, month, department, channel, campaign, label, value)
);
GO

CREATE CLUSTERED INDEX ix_dashboard_tallies_month ON dbo.dashboard_tallies (metric, month);
GO

CREATE TABLE dbo.dashboard_departments (
    department NVARCHAR(200) NOT NULL CONSTRAINT pk_dashboard_departments PRIMARY KEY
);
GO
