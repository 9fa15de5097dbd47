-- Builds the dashboard counts (TalentNet.Candidates.Features.Dashboard.ApplicationTallies) for
-- the applications recorded before they were kept. Metric names are ApplicationMetric's members.
INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Applied', substr(a.created_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), '', 0, COUNT(*)
FROM applications a JOIN jobs j ON j.id = a.job_id
GROUP BY substr(a.created_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, '');

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'LinkApplied', substr(a.created_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), a.tracking_token, 0, COUNT(*)
FROM applications a JOIN jobs j ON j.id = a.job_id
WHERE a.tracking_token IS NOT NULL
GROUP BY substr(a.created_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), a.tracking_token;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Reached', substr(a.created_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''),
       json_extract(stage.value, '$.key'), stage.key, COUNT(*)
FROM applications a JOIN jobs j ON j.id = a.job_id JOIN json_each(j.pipeline) stage ON stage.key <= a.furthest_index
GROUP BY substr(a.created_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), json_extract(stage.value, '$.key'), stage.key;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Hired', substr(a.hired_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), '',
       MIN(365, MAX(0, CAST(julianday(a.hired_at) - julianday(a.created_at) AS INTEGER))), COUNT(*)
FROM applications a JOIN jobs j ON j.id = a.job_id
WHERE a.hired_at IS NOT NULL
GROUP BY substr(a.hired_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''),
         MIN(365, MAX(0, CAST(julianday(a.hired_at) - julianday(a.created_at) AS INTEGER)));

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'LinkHired', substr(a.hired_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), a.tracking_token, 0, COUNT(*)
FROM applications a JOIN jobs j ON j.id = a.job_id
WHERE a.hired_at IS NOT NULL AND a.tracking_token IS NOT NULL
GROUP BY substr(a.hired_at, 1, 7), j.department, a.channel, COALESCE(a.campaign, ''), a.tracking_token;

INSERT OR IGNORE INTO dashboard_departments (department)
SELECT DISTINCT department FROM dashboard_tallies WHERE department <> '';
