-- Builds the dashboard counts (TalentNet.Candidates.Features.Dashboard.ApplicationTallies) for
-- the applications recorded before they were kept. Metric names are ApplicationMetric's members.
INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Applied', m.month, j.department, a.channel, COALESCE(a.campaign, N''), N'', 0, COUNT_BIG(*)
FROM dbo.applications a JOIN dbo.jobs j ON j.id = a.job_id
CROSS APPLY (SELECT CONVERT(CHAR(7), SWITCHOFFSET(a.created_at, '+00:00'), 126) AS month) m
GROUP BY m.month, j.department, a.channel, COALESCE(a.campaign, N'');
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'LinkApplied', m.month, j.department, a.channel, COALESCE(a.campaign, N''), a.tracking_token, 0, COUNT_BIG(*)
FROM dbo.applications a JOIN dbo.jobs j ON j.id = a.job_id
CROSS APPLY (SELECT CONVERT(CHAR(7), SWITCHOFFSET(a.created_at, '+00:00'), 126) AS month) m
WHERE a.tracking_token IS NOT NULL
GROUP BY m.month, j.department, a.channel, COALESCE(a.campaign, N''), a.tracking_token;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Reached', m.month, j.department, a.channel, COALESCE(a.campaign, N''), JSON_VALUE(stage.value, '$.key'), CAST(stage.[key] AS INT), COUNT_BIG(*)
FROM dbo.applications a JOIN dbo.jobs j ON j.id = a.job_id
CROSS APPLY OPENJSON(j.pipeline) stage
CROSS APPLY (SELECT CONVERT(CHAR(7), SWITCHOFFSET(a.created_at, '+00:00'), 126) AS month) m
WHERE CAST(stage.[key] AS INT) <= a.furthest_index
GROUP BY m.month, j.department, a.channel, COALESCE(a.campaign, N''), JSON_VALUE(stage.value, '$.key'), CAST(stage.[key] AS INT);
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Hired', m.month, j.department, a.channel, COALESCE(a.campaign, N''), N'', d.days, COUNT_BIG(*)
FROM dbo.applications a JOIN dbo.jobs j ON j.id = a.job_id
CROSS APPLY (SELECT CONVERT(CHAR(7), SWITCHOFFSET(a.hired_at, '+00:00'), 126) AS month) m
CROSS APPLY (SELECT CASE WHEN DATEDIFF_BIG(SECOND, a.created_at, a.hired_at) < 0 THEN 0
                         WHEN DATEDIFF_BIG(SECOND, a.created_at, a.hired_at) / 86400 > 365 THEN 365
                         ELSE CAST(DATEDIFF_BIG(SECOND, a.created_at, a.hired_at) / 86400 AS INT) END AS days) d
WHERE a.hired_at IS NOT NULL
GROUP BY m.month, j.department, a.channel, COALESCE(a.campaign, N''), d.days;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'LinkHired', m.month, j.department, a.channel, COALESCE(a.campaign, N''), a.tracking_token, 0, COUNT_BIG(*)
FROM dbo.applications a JOIN dbo.jobs j ON j.id = a.job_id
CROSS APPLY (SELECT CONVERT(CHAR(7), SWITCHOFFSET(a.hired_at, '+00:00'), 126) AS month) m
WHERE a.hired_at IS NOT NULL AND a.tracking_token IS NOT NULL
GROUP BY m.month, j.department, a.channel, COALESCE(a.campaign, N''), a.tracking_token;
GO

INSERT INTO dbo.dashboard_departments (department)
SELECT DISTINCT t.department FROM dbo.dashboard_tallies t
WHERE t.department <> N'' AND NOT EXISTS (SELECT 1 FROM dbo.dashboard_departments d WHERE d.department = t.department);
GO
