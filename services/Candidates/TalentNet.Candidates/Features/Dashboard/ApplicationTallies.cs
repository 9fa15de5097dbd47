using TalentNet.Candidates.Features.Applications;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Dashboard;

/// <summary>What the dashboard counts about applications (the metric column of dashboard_tallies).</summary>
public enum ApplicationMetric
{
    /// <summary>Applications, by the month they were made, channel and campaign.</summary>
    Applied,

    /// <summary>Applications made through a tracking link (label: the token).</summary>
    LinkApplied,

    /// <summary>Applications that reached a stage (label; value: its place in the pipeline) or beyond, by the month they were made.</summary>
    Reached,

    /// <summary>Hires, by the month of the hire; value: whole days from application to hire.</summary>
    Hired,

    /// <summary>Hires through a tracking link (label: the token), by the month of the hire.</summary>
    LinkHired,
}

/// <summary>
/// Keeps the application counts current inside the write that changes an application, so the
/// dashboard never scans applications.
/// </summary>
internal static class ApplicationTallies
{
    public const int MaxDaysToHire = 365;

    public static Task OpenedAsync(DbSession session, string department, Source source, string firstStage, DateTimeOffset appliedAt)
    {
        var month = Tallies.MonthOf(appliedAt);
        List<(TallyKey, long)> changes =
        [
            (Key(ApplicationMetric.Applied, month, department, source), 1),
            (Key(ApplicationMetric.Reached, month, department, source, firstStage, 0), 1),
        ];
        if (source.TrackingToken is { } token)
        {
            changes.Add((Key(ApplicationMetric.LinkApplied, month, department, source, token), 1));
        }

        return Tallies.AddAsync(session, changes);
    }

    /// <summary>A move: the stages it reached for the first time, and the hire when it is one.</summary>
    public static Task MovedAsync(
        DbSession session, string department, Source source, DateTimeOffset appliedAt, IEnumerable<(string Stage, int Index)> newlyReached, DateTimeOffset? hiredAt)
    {
        var applied = Tallies.MonthOf(appliedAt);
        var changes = newlyReached.Select(stage => (Key(ApplicationMetric.Reached, applied, department, source, stage.Stage, stage.Index), 1L)).ToList();
        if (hiredAt is { } hired)
        {
            var month = Tallies.MonthOf(hired);
            changes.Add((Key(ApplicationMetric.Hired, month, department, source, value: DaysToHire(appliedAt, hired)), 1));
            if (source.TrackingToken is { } token)
            {
                changes.Add((Key(ApplicationMetric.LinkHired, month, department, source, token), 1));
            }
        }

        return Tallies.AddAsync(session, changes);
    }

    public static int DaysToHire(DateTimeOffset appliedAt, DateTimeOffset hiredAt) =>
        (int)Math.Clamp(Math.Floor((hiredAt - appliedAt).TotalDays), 0, MaxDaysToHire);

    private static TallyKey Key(ApplicationMetric metric, string month, string department, Source source, string label = "", int value = 0) =>
        new(metric.ToString(), month, department, source.Channel!.Value.ToWire(), source.Campaign ?? "", label, value);
}
