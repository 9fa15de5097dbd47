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
            changes.Add((ConsentedKey(lastDay, department, managerEmail), 1));
        }

        if (dueOn is { } due)
        {
            changes.Add((StatusKey(month, department, RecommendationStatus.Requested, due), 1));
        }

        return Tallies.AddAsync(session, changes);
    }

    /// <summary>A consented departure's count follows a corrected last day, department or manager.</summary>
    public static Task ConsentMovedAsync(DbSession session, (DateOnly LastDay, string Department, string Manager) before, (DateOnly LastDay, string Department, string Manager) after) =>
        Tallies.MoveAsync(session, ConsentedKey(before.LastDay, before.Department, before.Manager), ConsentedKey(after.LastDay, after.Department, after.Manager));

    /// <summary>A rescinded departure stops counting: its consent, and its request when it was still open.</summary>
    public static Task RescindedAsync(DbSession session, bool consented, DateOnly lastDay, string department, string managerEmail, RecommendationRequestResponse? openRequest)
    {
        var changes = new List<(TallyKey, long)>();
        if (consented)
        {
            changes.Add((ConsentedKey(lastDay, department, managerEmail), -1));
        }

        if (openRequest is not null)
        {
            changes.Add((StatusKey(Tallies.MonthOf(openRequest.LastDay), openRequest.Department, openRequest.Status, openRequest.DueOn), -1));
        }

        return Tallies.AddAsync(session, changes);
    }

    /// <summary>A request opened after the departure was recorded (a correction made it wanted).</summary>
    public static Task OpenedAsync(DbSession session, DateOnly lastDay, string department, DateOnly dueOn) =>
        Tallies.AddAsync(session, StatusKey(Tallies.MonthOf(lastDay), department, RecommendationStatus.Requested, dueOn));

    private static TallyKey ConsentedKey(DateOnly lastDay, string department, string managerEmail) =>
        new(nameof(RequestMetric.Consented), Tallies.MonthOf(lastDay), department, Label: managerEmail);

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
