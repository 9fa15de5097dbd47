-- Counts the dashboards read instead of scanning the tables they summarize, kept current in the
-- transaction of the write that changes them (TalentNet.Storage.Tallies). No personal data:
-- label holds a stage, an outcome, a tracking token or a manager's work address (erased with them).
-- The key leads with metric and month: a dashboard reads a few metrics over a range of months.
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

-- Every department a count names: the values a dashboard's department filter may take.
CREATE TABLE dashboard_departments (
    department TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;
