-- Mail to alumni (the welcome with their personal link, links they ask for): whether they are in the
-- alumni network, re-checked at send time, and what a mail needs that no table here holds (the link),
-- kept only until the mail is sent or skipped.
ALTER TABLE alumni_read ADD COLUMN consent_alumni_network INTEGER NULL;
ALTER TABLE mail_outbox ADD COLUMN details TEXT NULL;
