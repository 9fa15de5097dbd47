-- SQL Server widens alumni.eligibility_note to 1,000 characters in this step; SQLite's TEXT has no
-- length, so nothing changes here. The script keeps both providers' migration lists in step.
SELECT 1;
