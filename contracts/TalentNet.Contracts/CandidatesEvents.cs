using MassTransit;

// Wire names are the URN and the exchange name; neither depends on this CLR namespace.
namespace TalentNet.Contracts.Candidates;

[MessageUrn("talentnet:candidates:job-opened:v1")]
[EntityName("talentnet.candidates.job-opened.v1")]
public sealed record JobOpened(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid JobId, string Title, string Department, string? Location,
    IReadOnlyList<string> Skills, string HiringManagerEmail, string? PostingUrl = null) : IIntegrationEvent;

/// <summary>A recruiter edited an open job: the job as it is now (the pipeline stays Candidates' own).</summary>
[MessageUrn("talentnet:candidates:job-updated:v1")]
[EntityName("talentnet.candidates.job-updated.v1")]
public sealed record JobUpdated(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid JobId, string Title, string Department, string? Location,
    IReadOnlyList<string> Skills, string HiringManagerEmail, string? PostingUrl = null) : IIntegrationEvent;

[MessageUrn("talentnet:candidates:job-closed:v1")]
[EntityName("talentnet.candidates.job-closed.v1")]
public sealed record JobClosed(Guid EventId, DateTimeOffset OccurredAt, Guid JobId) : IIntegrationEvent;

[MessageUrn("talentnet:candidates:candidate-registered:v1")]
[EntityName("talentnet.candidates.candidate-registered.v1")]
public sealed record CandidateRegistered(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid CandidateId, string FullName, string Email, string? LinkedInUrl,
    IReadOnlyList<string>? AdditionalEmails = null, IReadOnlyDictionary<string, string>? ExternalIds = null) : IIntegrationEvent;

/// <summary>A candidate's addresses, LinkedIn profile or external ids changed (edited, upserted by an ATS, or merged): all of them as they are now.</summary>
[MessageUrn("talentnet:candidates:candidate-identifiers-changed:v1")]
[EntityName("talentnet.candidates.candidate-identifiers-changed.v1")]
public sealed record CandidateIdentifiersChanged(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid CandidateId, string Email, IReadOnlyList<string> AdditionalEmails, string? LinkedInUrl,
    IReadOnlyDictionary<string, string> ExternalIds) : IIntegrationEvent;

/// <summary>Two records were one person: everything of the duplicate now belongs to the survivor; the duplicate's id answers with the survivor's.</summary>
[MessageUrn("talentnet:candidates:candidates-merged:v1")]
[EntityName("talentnet.candidates.candidates-merged.v1")]
public sealed record CandidatesMerged(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid SurvivorId, Guid DuplicateId) : IIntegrationEvent;

/// <summary>
/// Retention removed a candidate's personal data (never hired, inactive past Candidates:RetainWithoutHire):
/// whatever another service derived from it (Alumni's hashed identifiers) goes too.
/// </summary>
[MessageUrn("talentnet:candidates:candidate-anonymized:v1")]
[EntityName("talentnet.candidates.candidate-anonymized.v1")]
public sealed record CandidateAnonymized(Guid EventId, DateTimeOffset OccurredAt, Guid CandidateId) : IIntegrationEvent;

[MessageUrn("talentnet:candidates:application-submitted:v1")]
[EntityName("talentnet.candidates.application-submitted.v1")]
public sealed record ApplicationSubmitted(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid ApplicationId, Guid CandidateId, Guid JobId, string CandidateEmail,
    string Stage, ApplicationSource Source) : IIntegrationEvent;

[MessageUrn("talentnet:candidates:application-stage-changed:v1")]
[EntityName("talentnet.candidates.application-stage-changed.v1")]
public sealed record ApplicationStageChanged(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid ApplicationId, Guid CandidateId, Guid JobId, string CandidateEmail,
    string FromStage, string ToStage, string? Reason, ApplicationSource Source) : IIntegrationEvent;

[MessageUrn("talentnet:candidates:candidate-hired:v1")]
[EntityName("talentnet.candidates.candidate-hired.v1")]
public sealed record CandidateHired(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid CandidateId, Guid JobId, Guid ApplicationId, string Email,
    string JobTitle, string Department, ApplicationSource Source, DateOnly HiredOn) : IIntegrationEvent;
