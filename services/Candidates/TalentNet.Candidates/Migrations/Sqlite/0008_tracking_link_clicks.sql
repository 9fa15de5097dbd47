-- Clicks on tracking links per day, and the day's visitor hashes that make "unique visitors" (kept two days, then deleted).
CREATE TABLE tracking_link_days (
    token    TEXT    NOT NULL,
    day      TEXT    NOT NULL,
    clicks   INTEGER NOT NULL,
    visitors INTEGER NOT NULL,
    PRIMARY KEY (token, day)
) WITHOUT ROWID;

CREATE TABLE tracking_link_visitors (
    token   TEXT NOT NULL,
    day     TEXT NOT NULL,
    visitor TEXT NOT NULL,
    PRIMARY KEY (token, day, visitor)
) WITHOUT ROWID;
CREATE INDEX ix_tracking_link_visitors_day ON tracking_link_visitors (day);
CREATE INDEX ix_applications_tracking_token ON applications (tracking_token) WHERE tracking_token IS NOT NULL;
