namespace TalentNet.Contracts;

/// <summary>Every event carries its own identity and the moment it happened.</summary>
/// <remarks>
/// Not an exchange of its own: each event travels on its own exchange only, so a service's broker
/// permissions name exactly the exchanges it publishes and consumes.
/// </remarks>
[MassTransit.ExcludeFromTopology]
public interface IIntegrationEvent
{
    Guid EventId { get; }
    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// The event carries a credential (a sign-in link) and stays inside TalentNet: it is never offered to
/// webhook subscribers, and consumers keep what it carries only until they have used it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class InternalOnlyAttribute : Attribute;

/// <summary>Consents an alumnus gave per outreach purpose.</summary>
public sealed record AlumnusConsents(bool AlumniNetwork, bool RehireOutreach, bool RecommendationRequest, bool ReferralAsk)
{
    public static AlumnusConsents None { get; } = new(false, false, false, false);
}

/// <summary>Where an application came from: the social channel and who shared or referred it.</summary>
public sealed record ApplicationSource(
    Channel Channel,
    string? Campaign = null,
    string? PostUrl = null,
    string? SharedBy = null,
    ReferrerKind? ReferrerKind = null,
    string? ReferrerId = null,
    string? ReferrerEmail = null);
