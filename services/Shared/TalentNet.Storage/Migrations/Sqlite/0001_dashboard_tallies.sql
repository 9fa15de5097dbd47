-- Counts the dashboards read instead of scanning the tables they summarize, kept current in the
-- transaction of the write that changes them (TalentNet.Storage.Tallies). No personal data:
-- label holds a stage, an outcome, a tracking token or a manager's work address (erased with them).
CREATE TABLE dashboard_tallies (
    metric     TEXT    NOT NULL,
    month      TEXT    NOT NULL,
    department TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    campaign   TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    value      INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    PRIMARY KEY (metric, month, department, channel, campaign, label, value)
) WITHOUT ROWID;
CREATE INDEX ix_dashboard_tallies_month ON dashboard_tallies (month, metric);
