-- A hire keeps the hiring department, which the dashboard filters by.
ALTER TABLE dbo.hires ADD department NVARCHAR(200) NULL;
GO

-- Builds the dashboard counts (TalentNet.Alumni.Features.Dashboard.AlumniTallies) for what was
-- recorded before they were kept. Metric names are AlumniMetric's members. Each alumnus counts
-- as a leaver of their latest departure.
INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Left', CONVERT(CHAR(7), last_day, 126), department, '', N'', recommendation_status, CASE WHEN returned_on IS NULL THEN 0 ELSE 1 END, COUNT_BIG(*)
FROM dbo.alumni
GROUP BY CONVERT(CHAR(7), last_day, 126), department, recommendation_status, CASE WHEN returned_on IS NULL THEN 0 ELSE 1 END;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Hired', CONVERT(CHAR(7), hired_on, 126), COALESCE(department, N''), '', N'', N'', CASE WHEN alumnus_id IS NULL THEN 0 ELSE 1 END, COUNT_BIG(*)
FROM dbo.hires
GROUP BY CONVERT(CHAR(7), hired_on, 126), COALESCE(department, N''), CASE WHEN alumnus_id IS NULL THEN 0 ELSE 1 END;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Returned', CONVERT(CHAR(7), a.returned_on, 126), COALESCE(h.department, N''), '', N'', N'', a.months_away, COUNT_BIG(*)
FROM dbo.alumni a LEFT JOIN dbo.hires h ON h.alumnus_id = a.id AND h.hired_on = a.returned_on
WHERE a.returned_on IS NOT NULL
GROUP BY CONVERT(CHAR(7), a.returned_on, 126), COALESCE(h.department, N''), a.months_away;
GO

INSERT INTO dbo.dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Referred', CONVERT(CHAR(7), SWITCHOFFSET(r.created_at, '+00:00'), 126), a.department, '', N'', N'',
       CASE WHEN r.status = N'hired' THEN 1 ELSE 0 END, COUNT_BIG(*)
FROM dbo.referrals r JOIN dbo.alumni a ON a.id = r.alumnus_id
GROUP BY CONVERT(CHAR(7), SWITCHOFFSET(r.created_at, '+00:00'), 126), a.department, CASE WHEN r.status = N'hired' THEN 1 ELSE 0 END;
GO

INSERT INTO dbo.dashboard_departments (department)
SELECT DISTINCT t.department FROM dbo.dashboard_tallies t
WHERE t.department <> N'' AND NOT EXISTS (SELECT 1 FROM dbo.dashboard_departments d WHERE d.department = t.department);
GO
