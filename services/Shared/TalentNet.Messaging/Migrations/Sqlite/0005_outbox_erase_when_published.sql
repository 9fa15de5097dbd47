-- An erasure that finds events not yet published naming the person lets them go out (consumers need
-- them before the erasure's own event) and marks them, so that the relay's next clean-up deletes them
-- instead of keeping them for the outbox's retention.
ALTER TABLE outbox_messages ADD COLUMN erase_when_published INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_outbox_messages_erase ON outbox_messages (sequence) WHERE erase_when_published = 1;
