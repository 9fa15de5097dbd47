-- A request keeps its leaver's last day: the dashboard counts requests by it.
ALTER TABLE dbo.recommendation_requests ADD last_day DATE NULL;
GO

UPDATE r SET last_day = COALESCE(a.last_day, DATEADD(DAY, -14, r.due_on))
FROM dbo.recommendation_requests r LEFT JOIN dbo.alumni_read a ON a.alumnus_id = r.alumnus_id;
GO

ALTER TABLE dbo.recommendation_requests ALTER COLUMN last_day DATE NOT NULL;
GO

-- Builds the dashboard counts (TalentNet.Recommendations.Features.Dashboard.RequestTallies) for the
-- requests made before they were kept. Metric names are RequestMetric's members. Leavers who
-- consented without a request (skipped by policy) were not kept before: only requested ones count.
INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Consented', CONVERT(CHAR(7), last_day, 126), department, '', N'', manager_email, 0, COUNT_BIG(*)
FROM dbo.recommendation_requests
GROUP BY CONVERT(CHAR(7), last_day, 126), department, manager_email;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Request', CONVERT(CHAR(7), last_day, 126), department, '', N'', status, d.due, COUNT_BIG(*)
FROM dbo.recommendation_requests
CROSS APPLY (SELECT CASE WHEN status = N'requested' THEN DATEDIFF(DAY, CAST('0001-01-01' AS DATE), due_on) ELSE 0 END AS due) d
GROUP BY CONVERT(CHAR(7), last_day, 126), department, status, d.due;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Given', CONVERT(CHAR(7), last_day, 126), department, '', N'', manager_email, 0, COUNT_BIG(*)
FROM dbo.recommendation_requests
WHERE given_at IS NOT NULL
GROUP BY CONVERT(CHAR(7), last_day, 126), department, manager_email;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'DaysToGive', CONVERT(CHAR(7), last_day, 126), department, '', N'', N'', d.days, COUNT_BIG(*)
FROM dbo.recommendation_requests
CROSS APPLY (SELECT CASE WHEN DATEDIFF_BIG(SECOND, CAST(last_day AS DATETIMEOFFSET(7)), given_at) < 0 THEN 0
                         WHEN DATEDIFF_BIG(SECOND, CAST(last_day AS DATETIMEOFFSET(7)), given_at) / 86400 > 365 THEN 365
                         ELSE CAST(DATEDIFF_BIG(SECOND, CAST(last_day AS DATETIMEOFFSET(7)), given_at) / 86400 AS INT) END AS days) d
WHERE given_at IS NOT NULL
GROUP BY CONVERT(CHAR(7), last_day, 126), department, d.days;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Published', CONVERT(CHAR(7), last_day, 126), department, '', N'', N'', 0, COUNT_BIG(*)
FROM dbo.recommendation_requests
WHERE given_at IS NOT NULL AND published_url IS NOT NULL
GROUP BY CONVERT(CHAR(7), last_day, 126), department;
GO

INSERT INTO dbo.dashboard_departments (department)
SELECT DISTINCT t.department FROM dbo.dashboard_tallies t
WHERE t.department <> N'' AND NOT EXISTS (SELECT 1 FROM dbo.dashboard_departments d WHERE d.department = t.department);
GO
