-- An erasure that finds events not yet published naming the person lets them go out (consumers need
-- them before the erasure's own event) and marks them, so that the relay's next clean-up deletes them
-- instead of keeping them for the outbox's retention.
ALTER TABLE dbo.outbox_messages ADD erase_when_published BIT NOT NULL CONSTRAINT df_outbox_messages_erase_when_published DEFAULT 0;
GO

CREATE INDEX ix_outbox_messages_erase ON dbo.outbox_messages (sequence) WHERE erase_when_published = 1;
GO
