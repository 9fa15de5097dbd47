-- Why an application was rejected (a key of Candidates:RejectionReasons) and from which stage, for the funnel.
ALTER TABLE applications ADD COLUMN rejection_reason TEXT NULL;
ALTER TABLE applications ADD COLUMN rejected_from TEXT NULL;
