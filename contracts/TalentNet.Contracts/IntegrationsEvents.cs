using MassTransit;

// Wire names are the URN and the exchange name; neither depends on this CLR namespace.
namespace TalentNet.Contracts.Integrations;

/// <summary>A person as an ATS holds them: its own id, and what TalentNet needs to know them by.</summary>
public sealed record AtsCandidate(
    string ExternalId, string FullName, IReadOnlyList<string> Emails, string? Phone, IReadOnlyDictionary<string, string> Profiles);

/// <summary>A job as an ATS holds it.</summary>
public sealed record AtsJob(string ExternalId, string Title, string? Department, string? Location, string? HiringManagerEmail);

/// <summary>
/// An ATS application as one delivery described it: who, for which job, from which channel (mapped
/// from the ATS source by the Integrations service), the ATS stage by its name, and when it was made
/// (null when the delivery does not say: the time it arrived).
/// </summary>
public sealed record AtsApplication(
    string System, string ExternalId, AtsCandidate Candidate, AtsJob Job, Channel Channel, string? SourceName,
    string? StageName, DateTimeOffset? AppliedAt);

/// <summary>An ATS reported a new application (Greenhouse new_candidate_application, Lever applicationCreated, Ashby applicationSubmit).</summary>
[MessageUrn("talentnet:integrations:ats-application-received:v1")]
[EntityName("talentnet.integrations.ats-application-received.v1")]
public sealed record AtsApplicationReceived(
    Guid EventId, DateTimeOffset OccurredAt, Guid DeliveryId, AtsApplication Application) : IIntegrationEvent;

/// <summary>An ATS moved an application to the stage named in <see cref="AtsApplication.StageName"/> at <paramref name="ChangedAt"/>.</summary>
[MessageUrn("talentnet:integrations:ats-stage-changed:v1")]
[EntityName("talentnet.integrations.ats-stage-changed.v1")]
public sealed record AtsStageChanged(
    Guid EventId, DateTimeOffset OccurredAt, Guid DeliveryId, AtsApplication Application, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>An ATS marked the application hired.</summary>
[MessageUrn("talentnet:integrations:ats-candidate-hired:v1")]
[EntityName("talentnet.integrations.ats-candidate-hired.v1")]
public sealed record AtsCandidateHired(
    Guid EventId, DateTimeOffset OccurredAt, Guid DeliveryId, AtsApplication Application, DateTimeOffset HiredAt) : IIntegrationEvent;
