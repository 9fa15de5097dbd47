using MassTransit;

namespace TalentNet.Contracts.Alumni;

[MessageUrn("talentnet:alumni:employee-departed:v1")]
[EntityName("talentnet.alumni.employee-departed.v1")]
public sealed record EmployeeDeparted(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid DepartureId, string EmployeeId, string FullName,
    string? PersonalEmail, string WorkEmail, string Department, string Role,
    string ManagerName, string ManagerEmail, DepartureReason Reason, RehireEligibility RehireEligibility,
    AlumnusConsents Consents, DateOnly LastDay, ReturnIntent? WouldReturn,
    IReadOnlyList<string> Skills, Language? Language = null, string? LinkedInUrl = null) : IIntegrationEvent;

[MessageUrn("talentnet:alumni:alumnus-applied:v1")]
[EntityName("talentnet.alumni.alumnus-applied.v1")]
public sealed record AlumnusApplied(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid CandidateId, RehireEligibility RehireEligibility,
    IReadOnlyList<BoomerangEvidence>? MatchedOn = null) : IIntegrationEvent;

[MessageUrn("talentnet:alumni:alumnus-returned:v1")]
[EntityName("talentnet.alumni.alumnus-returned.v1")]
public sealed record AlumnusReturned(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid CandidateId, Guid JobId, DateOnly ReturnedOn, int MonthsAway,
    Channel Channel) : IIntegrationEvent;

[MessageUrn("talentnet:alumni:alumnus-referred-candidate:v1")]
[EntityName("talentnet.alumni.alumnus-referred-candidate.v1")]
public sealed record AlumnusReferredCandidate(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid ReferralId, Guid AlumnusId, string AlumnusEmail, string CandidateName, string CandidateEmail,
    string? ProfileUrl, Guid? JobId, string? Note) : IIntegrationEvent;

[MessageUrn("talentnet:alumni:alumnus-consent-changed:v1")]
[EntityName("talentnet.alumni.alumnus-consent-changed.v1")]
public sealed record AlumnusConsentChanged(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, AlumnusConsents Consents, AlumnusStatus Status) : IIntegrationEvent;

/// <summary>HR or the HRIS corrected a recorded departure: the departure as it is now, and what it was keyed by before.</summary>
[MessageUrn("talentnet:alumni:departure-corrected:v1")]
[EntityName("talentnet.alumni.departure-corrected.v1")]
public sealed record DepartureCorrected(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid DepartureId, bool IsLatest, string FullName,
    string? PersonalEmail, string WorkEmail, string Department, string Role,
    string ManagerName, string ManagerEmail, DepartureReason Reason, RehireEligibility RehireEligibility,
    DateOnly LastDay, ReturnIntent? WouldReturn, IReadOnlyList<string> Skills, bool ConsentedToRequest,
    DateOnly PreviousLastDay, string PreviousDepartment, string PreviousManagerEmail) : IIntegrationEvent;

/// <summary>A resignation was withdrawn: the departure no longer counts, its open request is cancelled.</summary>
[MessageUrn("talentnet:alumni:departure-rescinded:v1")]
[EntityName("talentnet.alumni.departure-rescinded.v1")]
public sealed record DepartureRescinded(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid DepartureId, DateOnly LastDay, string Department, string ManagerEmail,
    bool ConsentedToRequest, AlumnusStatus Status) : IIntegrationEvent;

/// <summary>
/// A personal link to the alumni page was issued: a welcome when the leaver joined the alumni
/// network, or one they asked for. Token is the signed, expiring, single-use link secret; the
/// mail that carries it is the only other place it goes.
/// </summary>
[InternalOnly]
[MessageUrn("talentnet:alumni:alumni-link-issued:v1")]
[EntityName("talentnet.alumni.alumni-link-issued.v1")]
public sealed record AlumniLinkIssued(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid LinkId, AlumniLinkPurpose Purpose, string Email, string FullName, Language? Language,
    string Token, DateTimeOffset ExpiresAt) : IIntegrationEvent;
