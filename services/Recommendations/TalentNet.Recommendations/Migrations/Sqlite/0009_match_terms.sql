-- Alumni matching ranks in SQL and reads only the top N: the skills and the words of the role are
-- kept as normalized terms ('|c#|sql|'), and the last day as a month number, so the score is plain SQL.
ALTER TABLE alumni_read ADD COLUMN skill_terms TEXT NOT NULL DEFAULT '||';
ALTER TABLE alumni_read ADD COLUMN role_terms TEXT NOT NULL DEFAULT '||';
ALTER TABLE alumni_read ADD COLUMN last_month INTEGER NOT NULL DEFAULT 0;

UPDATE alumni_read SET
    skill_terms = '|' || COALESCE((SELECT group_concat(replace(lower(trim(value)), '|', '/'), '|') FROM json_each(alumni_read.skills)), '') || '|',
    role_terms = '|' || replace(replace(replace(replace(lower(role), ' ', '|'), '-', '|'), '/', '|'), ',', '|') || '|',
    last_month = CAST(substr(last_day, 1, 4) AS INTEGER) * 12 + CAST(substr(last_day, 6, 2) AS INTEGER);
