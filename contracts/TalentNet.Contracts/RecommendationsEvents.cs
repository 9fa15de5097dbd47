using MassTransit;

namespace TalentNet.Contracts.Recommendations;

[MessageUrn("talentnet:recommendations:recommendation-requested:v1")]
[EntityName("talentnet.recommendations.recommendation-requested.v1")]
public sealed record RecommendationRequested(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, Guid AlumnusId, string ManagerEmail, DateOnly DueOn) : IIntegrationEvent;

[MessageUrn("talentnet:recommendations:recommendation-given:v1")]
[EntityName("talentnet.recommendations.recommendation-given.v1")]
public sealed record RecommendationGiven(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, Guid AlumnusId, string ManagerEmail, bool WouldRehire,
    IReadOnlyList<string> Strengths, string? PublishedUrl, string? ActedBy = null, bool OnManagersBehalf = false) : IIntegrationEvent;

[MessageUrn("talentnet:recommendations:recommendation-declined:v1")]
[EntityName("talentnet.recommendations.recommendation-declined.v1")]
public sealed record RecommendationDeclined(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, Guid AlumnusId, string ManagerEmail, string Reason, string? ActedBy = null, bool OnManagersBehalf = false) : IIntegrationEvent;

[MessageUrn("talentnet:recommendations:recommendation-published:v1")]
[EntityName("talentnet.recommendations.recommendation-published.v1")]
public sealed record RecommendationPublished(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, Guid AlumnusId, string Url, string? ActedBy = null, bool OnManagersBehalf = false) : IIntegrationEvent;

[MessageUrn("talentnet:recommendations:recommendation-reminder-due:v1")]
[EntityName("talentnet.recommendations.recommendation-reminder-due.v1")]
public sealed record RecommendationReminderDue(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, Guid AlumnusId, string ManagerEmail, DateOnly DueOn, int DaysFromDue) : IIntegrationEvent;

[MessageUrn("talentnet:recommendations:recommendation-expired:v1")]
[EntityName("talentnet.recommendations.recommendation-expired.v1")]
public sealed record RecommendationExpired(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid RequestId, Guid AlumnusId, string ManagerEmail) : IIntegrationEvent;

[MessageUrn("talentnet:recommendations:boomerang-invited:v1")]
[EntityName("talentnet.recommendations.boomerang-invited.v1")]
public sealed record BoomerangInvited(
    Guid EventId, DateTimeOffset OccurredAt,
    Guid InvitationId, Guid AlumnusId, Guid JobId, string FullName, string Email,
    string? LinkedInUrl, string InvitedBy) : IIntegrationEvent;
