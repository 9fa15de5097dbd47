-- Integrators poll the alumni list with updatedSince.
CREATE INDEX ix_alumni_updated ON dbo.alumni (updated_at);
GO
