-- E-mail to former managers and HR: a mail outbox keyed by what each mail is about (sent once), and what
-- the mails need from the departure (the language to write in, the manager's name).
ALTER TABLE dbo.alumni_read ADD language NVARCHAR(10) NULL, manager_name NVARCHAR(200) NULL;
GO

-- Who gave, declined, published or reassigned a request (the manager, or HR in the manager's name).
ALTER TABLE dbo.recommendation_requests ADD acted_by NVARCHAR(300) NULL;
GO

CREATE TABLE dbo.mail_outbox (
    id              UNIQUEIDENTIFIER  NOT NULL PRIMARY KEY,
    mail_key        NVARCHAR(400)     NOT NULL,
    kind            NVARCHAR(50)      NOT NULL,
    subject_id      UNIQUEIDENTIFIER  NULL,
    recipient       NVARCHAR(254)     NOT NULL,
    language        NVARCHAR(10)      NOT NULL,
    status          NVARCHAR(20)      NOT NULL,
    attempts        INT               NOT NULL,
    next_attempt_at DATETIMEOFFSET(7) NOT NULL,
    lease_until     DATETIMEOFFSET(7) NULL,
    last_error      NVARCHAR(400)     NULL,
    created_at      DATETIMEOFFSET(7) NOT NULL,
    sent_at         DATETIMEOFFSET(7) NULL
);
GO

CREATE UNIQUE INDEX ux_mail_outbox_key ON dbo.mail_outbox (mail_key);
GO

CREATE INDEX ix_mail_outbox_due ON dbo.mail_outbox (next_attempt_at) WHERE status = 'pending';
GO

CREATE INDEX ix_mail_outbox_status ON dbo.mail_outbox (status, created_at);
GO
