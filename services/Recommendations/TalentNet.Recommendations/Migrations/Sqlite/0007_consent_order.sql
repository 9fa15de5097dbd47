-- When the consents in the read model were given or changed (the event's time), so that an older
-- event arriving late never overwrites a newer consent or opt-out.
ALTER TABLE alumni_read ADD COLUMN consent_changed_at TEXT NULL;
