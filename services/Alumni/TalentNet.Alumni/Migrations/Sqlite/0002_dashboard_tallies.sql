-- A hire keeps the hiring department, which the dashboard filters by.
ALTER TABLE hires ADD COLUMN department TEXT NULL;

-- Builds the dashboard counts (TalentNet.Alumni.Features.Dashboard.AlumniTallies) for what was
-- recorded before they were kept. Metric names are AlumniMetric's members. Each alumnus counts
-- as a leaver of their latest departure.
INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Left', substr(last_day, 1, 7), department, '', '', recommendation_status, CASE WHEN returned_on IS NULL THEN 0 ELSE 1 END, COUNT(*)
FROM alumni
GROUP BY substr(last_day, 1, 7), department, recommendation_status, CASE WHEN returned_on IS NULL THEN 0 ELSE 1 END;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Hired', substr(hired_on, 1, 7), COALESCE(department, ''), '', '', '', CASE WHEN alumnus_id IS NULL THEN 0 ELSE 1 END, COUNT(*)
FROM hires
GROUP BY substr(hired_on, 1, 7), COALESCE(department, ''), CASE WHEN alumnus_id IS NULL THEN 0 ELSE 1 END;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Returned', substr(a.returned_on, 1, 7), COALESCE(h.department, ''), '', '', '', a.months_away, COUNT(*)
FROM alumni a LEFT JOIN hires h ON h.alumnus_id = a.id AND h.hired_on = a.returned_on
WHERE a.returned_on IS NOT NULL
GROUP BY substr(a.returned_on, 1, 7), COALESCE(h.department, ''), a.months_away;

INSERT INTO dashboard_tallies (metric, month, department, channel, campaign, label, value, total)
SELECT 'Referred', substr(r.created_at, 1, 7), a.department, '', '', '', CASE WHEN r.status = 'hired' THEN 1 ELSE 0 END, COUNT(*)
FROM referrals r JOIN alumni a ON a.id = r.alumnus_id
GROUP BY substr(r.created_at, 1, 7), a.department, CASE WHEN r.status = 'hired' THEN 1 ELSE 0 END;

INSERT OR IGNORE INTO dashboard_departments (department)
SELECT DISTINCT department FROM dashboard_tallies WHERE department <> '';
