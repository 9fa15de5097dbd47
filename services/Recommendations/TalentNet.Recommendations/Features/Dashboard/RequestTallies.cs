using TalentNet.Contracts;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Dashboard;

/// <summary>What the dashboard counts about recommendation requests (the metric column of dashboard_tallies), all by the leaver's last day.</summary>
public enum RequestMetric
{
    /// <summary>Leavers who consented to a request; label: the former manager.</summary>
    Consented,

    /// <summary>Requests; label: their status; value: for open ones the due date (day number), so that overdue ones can be counted.</summary>
    Request,

    /// <summary>Recommendations given; label: the manager.</summary>
    Given,

    /// <summary>Recommendations given; value: whole days from the last day to the recommendation.</summary>
    DaysToGive,

    /// <summary>Given recommendations published on LinkedIn.</summary>
    Published,
}

/// <summary>Keeps the request counts current inside the consumer's or the transition's own transaction.</summary>
internal static class RequestTallies
{
    public const int MaxDaysToGive = 365;

    public static Task DepartedAsync(DbSession session, DateOnly lastDay, string department, string managerEmail, bool consented, DateOnly? dueOn)
    {
        var month = Tallies.MonthOf(lastDay);
        var changes = new List<(TallyKey, long)>();
        if (consented)
        {
            changes.Add((new TallyKey(nameof(RequestMetric.Consented), month, department, Label: managerEmail), 1));
        }

        if (dueOn is { } due)
        {
            changes.Add((StatusKey(month, department, RecommendationStatus.Requested, due), 1));
        }

        return Tallies.AddAsync(session, changes);
    }

    /// <summary>A request before and after a transition: its status count moves; a new recommendation or publication is counted.</summary>
    public static Task ChangedAsync(DbSession session, RecommendationRequestResponse before, RecommendationRequestResponse after)
    {
        var month = Tallies.MonthOf(after.LastDay);
        var changes = new List<(TallyKey, long)>
        {
            (StatusKey(Tallies.MonthOf(before.LastDay), before.Department, before.Status, before.DueOn), -1),
            (StatusKey(month, after.Department, after.Status, after.DueOn), 1),
        };
        if (before.GivenAt is null && after.GivenAt is { } givenAt)
        {
            var days = (int)Math.Clamp(Math.Floor((givenAt - ServiceDefaults.Reporting.StartOf(after.LastDay)).TotalDays), 0, MaxDaysToGive);
            changes.Add((new TallyKey(nameof(RequestMetric.Given), month, after.Department, Label: after.ManagerEmail), 1));
            changes.Add((new TallyKey(nameof(RequestMetric.DaysToGive), month, after.Department, Value: days), 1));
        }

        if (before.PublishedUrl is null && after.PublishedUrl is not null)
        {
            changes.Add((new TallyKey(nameof(RequestMetric.Published), month, after.Department), 1));
        }

        return Tallies.AddAsync(session, changes);
    }

    private static TallyKey StatusKey(string month, string department, RecommendationStatus status, DateOnly dueOn) =>
        new(nameof(RequestMetric.Request), month, department, Label: status.ToWire(), Value: status == RecommendationStatus.Requested ? dueOn.DayNumber : 0);
}
