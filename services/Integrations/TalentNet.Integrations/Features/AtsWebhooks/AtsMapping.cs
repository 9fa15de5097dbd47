using TalentNet.Contracts;
using TalentNet.Contracts.Integrations;
using TalentNet.Storage;

namespace TalentNet.Integrations.Features.AtsWebhooks;

/// <summary>The three actions every vendor maps to, and what an application needs before it may travel.</summary>
public static class AtsMapping
{
    /// <summary>What is missing for TalentNet to use the application, or null when nothing is.</summary>
    public static string? Missing(AtsApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(application.ExternalId))
        {
            missing.Add("the application's id");
        }

        if (string.IsNullOrWhiteSpace(application.Candidate.ExternalId))
        {
            missing.Add("the candidate's id");
        }

        if (string.IsNullOrWhiteSpace(application.Candidate.FullName))
        {
            missing.Add("the candidate's name");
        }

        if (application.Candidate.Emails.Count == 0)
        {
            missing.Add("an email address");
        }

        if (string.IsNullOrWhiteSpace(application.Job.ExternalId) || string.IsNullOrWhiteSpace(application.Job.Title))
        {
            missing.Add("the job's id and title");
        }

        return missing.Count == 0 ? null : $"The delivery lacks {string.Join(", ", missing)}.";
    }

    /// <summary>The reading for a handled action: the event when the application is complete, otherwise what it lacks.</summary>
    public static AtsReading Read(string action, string? eventId, AtsApplication? application, Func<Guid, DateTimeOffset, AtsApplication, IIntegrationEvent> toEvent)
    {
        ArgumentNullException.ThrowIfNull(toEvent);
        if (application is null)
        {
            return AtsReading.Unusable(action, eventId, "The delivery holds no application.");
        }

        return Missing(application) is { } problem
            ? AtsReading.Unusable(action, eventId, problem)
            : AtsReading.Applied(action, eventId, (deliveryId, now) => toEvent(deliveryId, now, application), application.Candidate.Emails);
    }

    public static Func<Guid, DateTimeOffset, AtsApplication, IIntegrationEvent> Received =>
        (deliveryId, now, application) => new AtsApplicationReceived(TimeOrderedId.New(now), now, deliveryId, application);

    public static Func<Guid, DateTimeOffset, AtsApplication, IIntegrationEvent> StageChanged(DateTimeOffset? changedAt) =>
        (deliveryId, now, application) => new AtsStageChanged(TimeOrderedId.New(now), now, deliveryId, application, Earlier(changedAt, now));

    public static Func<Guid, DateTimeOffset, AtsApplication, IIntegrationEvent> Hired(DateTimeOffset? hiredAt) =>
        (deliveryId, now, application) => new AtsCandidateHired(TimeOrderedId.New(now), now, deliveryId, application, Earlier(hiredAt, now));

    /// <summary>Emails with duplicates removed, personal ones first (they outlive a job; boomerangs are found by them).</summary>
    public static IReadOnlyList<string> Emails(IEnumerable<(string? Value, bool Personal)> addresses) =>
        addresses.Where(address => !string.IsNullOrWhiteSpace(address.Value))
            .OrderByDescending(address => address.Personal)
            .Select(address => address.Value!.Trim().ToLowerInvariant())
            .Distinct()
            .ToList();

    public static Channel ChannelOf(string? sourceName, IntegrationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ChannelRules.For(sourceName, options.Sources);
    }

    private static DateTimeOffset Earlier(DateTimeOffset? at, DateTimeOffset now) => at is { } given && given < now ? given : now;
}
