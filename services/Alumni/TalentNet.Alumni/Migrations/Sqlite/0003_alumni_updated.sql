-- Integrators poll the alumni list with updatedSince.
CREATE INDEX ix_alumni_updated ON alumni (updated_at);
