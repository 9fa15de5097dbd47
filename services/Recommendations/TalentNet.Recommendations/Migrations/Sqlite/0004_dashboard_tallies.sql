-- A request keeps its leaver's last day: the dashboard counts requests by it.
ALTER TABLE recommendation_requests ADD COLUMN last_day TEXT NOT NULL DEFAULT '';
UPDATE recommendation_requests SET last_day = COALESCE((SELECT a.last_day FROM alumni_read a WHERE a.alumnus_id = recommendation_requests.alumnus_id), '');
UPDATE recommendation_requests SET last_day = date(due_on, '-14 days') WHERE last_day = '';

-- Builds the dashboard counts (TalentNet.Recommendations.Features.Dashboard.RequestTallies) for the
-- requests made before they were kept. Metric names are RequestMetric's members. Leavers who
-- consented without a request (skipped by policy) were not kept before: only requested ones count.
INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Consented', substr(last_day, 1, 7), department, '', '', manager_email, 0, COUNT(*)
FROM recommendation_requests
GROUP BY substr(last_day, 1, 7), department, manager_email;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Request', substr(last_day, 1, 7), department, '', '', status,
       CASE WHEN status = 'requested' THEN CAST(julianday(due_on) - julianday('0001-01-01') AS INTEGER) ELSE 0 END, COUNT(*)
FROM recommendation_requests
GROUP BY substr(last_day, 1, 7), department, status,
         CASE WHEN status = 'requested' THEN CAST(julianday(due_on) - julianday('0001-01-01') AS INTEGER) ELSE 0 END;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Given', substr(last_day, 1, 7), department, '', '', manager_email, 0, COUNT(*)
FROM recommendation_requests
WHERE given_at IS NOT NULL
GROUP BY substr(last_day, 1, 7), department, manager_email;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'DaysToGive', substr(last_day, 1, 7), department, '', '', '',
       MIN(365, MAX(0, CAST(julianday(given_at) - julianday(last_day) AS INTEGER))), COUNT(*)
FROM recommendation_requests
WHERE given_at IS NOT NULL
GROUP BY substr(last_day, 1, 7), department, MIN(365, MAX(0, CAST(julianday(given_at) - julianday(last_day) AS INTEGER)));

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Published', substr(last_day, 1, 7), department, '', '', '', 0, COUNT(*)
FROM recommendation_requests
WHERE given_at IS NOT NULL AND published_url IS NOT NULL
GROUP BY substr(last_day, 1, 7), department;

INSERT OR IGNORE INTO dashboard_departments (department)
SELECT DISTINCT department FROM dashboard_tallies WHERE department <> '';
