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
    IReadOnlyList<string> Skills) : IIntegrationEvent;

[MessageUrn("talentnet:alumni:alumnus-applied:v1")]
[EntityName("talentnet.alumni.alumnus-applied.v1")]
public sealed record AlumnusApplied(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid AlumnusId, Guid CandidateId, RehireEligibility RehireEligibility) : IIntegrationEvent;

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
