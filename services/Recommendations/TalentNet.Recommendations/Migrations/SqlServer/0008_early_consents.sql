-- A consent change that arrived before the departure it belongs to (they travel on different queues):
-- kept until the departure comes, which then takes the newer consents.
CREATE TABLE dbo.early_consent_changes (
    alumnus_id             UNIQUEIDENTIFIER  NOT NULL CONSTRAINT pk_early_consent_changes PRIMARY KEY,
    consent_rehire         INT               NOT NULL,
    consent_recommendation INT               NOT NULL,
    consent_alumni_network INT               NOT NULL,
    status                 NVARCHAR(20)      NOT NULL,
    occurred_at            DATETIMEOFFSET(7) NOT NULL
);
GO
