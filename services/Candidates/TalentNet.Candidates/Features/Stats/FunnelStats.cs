using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Candidates.Features.Jobs;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Candidates.Features.Stats;

/// <summary>
/// GET /api/stats/funnel?from=&amp;to=&amp;jobId=&amp;department=: per channel, how many applications
/// reached each stage, stage-to-stage conversion, hires and median days to hire; the same per
/// sharer and campaign for applications made through tracking links.
/// </summary>
public static class FunnelStats
{
    public sealed record StageCount(string Stage, long Reached, double? ConversionFromPrevious);

    public sealed record Funnel(long Applications, IReadOnlyList<StageCount> Stages, long Hires, double? MedianDaysToHire);

    /// <summary>How long applications stayed in a stage before they moved on: the stays that ended, and their median in days (to the hour).</summary>
    public sealed record StageTime(string Stage, long Stays, double? MedianDays);

    /// <summary>Rejections from a stage for a reason (null: rejected before reasons were kept, or by an ATS or import without one).</summary>
    public sealed record RejectionCount(string? Stage, string? Reason, long Rejections);

    public sealed record ChannelFunnel(
        Channel Channel, long Applications, IReadOnlyList<StageCount> Stages, long Hires, double? MedianDaysToHire, IReadOnlyList<StageTime> TimeInStage,
        IReadOnlyList<RejectionCount> Rejections);

    public sealed record LinkFunnel(string? SharedBy, string? Campaign, long Applications, IReadOnlyList<StageCount> Stages, long Hires, double? MedianDaysToHire);

    public sealed record Response(DateOnly? From, DateOnly? To, IReadOnlyList<ChannelFunnel> Channels, IReadOnlyList<LinkFunnel> TrackingLinks);

    private static string Filter(bool from, bool to, bool job, bool department) => SqlFilter.Where(
        (from, "a.created_at >= @From"), (to, "a.created_at < @To"), (job, "a.job_id = @JobId"), (department, "j.department = @Department"));

    private static string Jobs(bool department) => department ? "JOIN jobs j ON j.id = a.job_id" : "";

    /// <summary>One scan: applications per channel, sharer, campaign, job and furthest stage.</summary>
    internal static string GroupsSql(bool from, bool to, bool job, bool department) =>
        $"""
        SELECT a.channel AS Channel, a.shared_by AS SharedBy, a.campaign AS Campaign,
               CASE WHEN a.tracking_token IS NULL THEN 0 ELSE 1 END AS Tracked,
               a.job_id AS JobId, a.furthest_index AS FurthestIndex, COUNT(*) AS Applications
        FROM applications a {Jobs(department)}
        WHERE {Filter(from, to, job, department)}
        GROUP BY a.channel, a.shared_by, a.campaign, CASE WHEN a.tracking_token IS NULL THEN 0 ELSE 1 END, a.job_id, a.furthest_index
        """;

    /// <summary>Hired applications only, read through the partial index on hired_at.</summary>
    internal static string HiresSql(bool from, bool to, bool job, bool department) =>
        $"""
        SELECT a.channel AS Channel, a.shared_by AS SharedBy, a.campaign AS Campaign, a.tracking_token AS TrackingToken,
               a.created_at AS CreatedAt, a.hired_at AS HiredAt
        FROM applications a {Jobs(department)}
        WHERE a.hired_at IS NOT NULL AND {Filter(from, to, job, department)}
        """;

    internal static string RejectionsSql(bool from, bool to, bool job, bool department) =>
        $"""
        SELECT a.channel AS Channel, a.rejected_from AS Stage, a.rejection_reason AS Reason, COUNT(*) AS Rejections
        FROM applications a {Jobs(department)}
        WHERE a.stage = @Rejected AND {Filter(from, to, job, department)}
        GROUP BY a.channel, a.rejected_from, a.rejection_reason
        """;

    /// <summary>Each application's stage history, read as a stream for the time spent in each stage.</summary>
    internal static string HistoriesSql(bool from, bool to, bool job, bool department) =>
        $"SELECT a.channel AS Channel, a.stage_history AS StageHistory FROM applications a {Jobs(department)} WHERE {Filter(from, to, job, department)}";

    internal static string PipelinesSql(bool job, bool department) =>
        $"SELECT id AS Id, pipeline AS Pipeline FROM jobs j WHERE {SqlFilter.Where((job, "j.id = @JobId"), (department, "j.department = @Department"))}";

    private sealed class Group
    {
        public string Channel { get; init; } = "";
        public string? SharedBy { get; init; }
        public string? Campaign { get; init; }
        public int Tracked { get; init; }
        public Guid JobId { get; init; }
        public int FurthestIndex { get; init; }
        public long Applications { get; init; }
    }

    private sealed class Hire
    {
        public string Channel { get; init; } = "";
        public string? SharedBy { get; init; }
        public string? Campaign { get; init; }
        public string? TrackingToken { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset HiredAt { get; init; }
    }

    private sealed class PipelineRow
    {
        public Guid Id { get; init; }
        public string Pipeline { get; init; } = "[]";
    }

    public static void Map(RouteGroupBuilder stats) =>
        stats.MapGet("/funnel", Handle)
            .WithName("FunnelStats")
            .WithSummary("Funnel per channel and per tracking link")
            .WithDescription("from/to are dates (inclusive) on when applications were opened. An application reached a stage when it has been in it or beyond (rejected after an interview still reached the interview). Conversion = reached(stage) / reached(previous stage). timeInStage: per channel and stage, the stays that ended (the application moved on) and their median length in days, to the hour. rejections: per channel, the rejections by the stage they were rejected from and their reason.")
            .RequireRoles(CandidatesApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        DateOnly? from, DateOnly? to, Guid? jobId, [MaxLength(Lengths.Department)] string? department, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(from is null || to is null || from <= to, "to", "Must not be before from.")
            .MaxLength("department", department, 100);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var (fromInstant, toInstant) = Reporting.Instants(from, to);
        var parameters = new
        {
            From = fromInstant,
            To = toInstant,
            JobId = jobId,
            Department = department,
            Rejected = Job.RejectedStage,
        };
        var (byFrom, byTo, byJob, byDepartment) = (from is not null, to is not null, jobId is not null, department is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var pipelines = (await connection.QueryAsync<PipelineRow>(PipelinesSql(byJob, byDepartment), parameters))
            .ToDictionary(row => row.Id, row => JsonSerializer.Deserialize<List<PipelineStage>>(row.Pipeline, Job.Json)!.Select(stage => stage.Key).ToList());
        var channelGroups = (await connection.QueryAsync<Group>(GroupsSql(byFrom, byTo, byJob, byDepartment), parameters)).ToList();
        var linkGroups = channelGroups.Where(group => group.Tracked == 1).ToList();
        var hires = (await connection.QueryAsync<Hire>(HiresSql(byFrom, byTo, byJob, byDepartment), parameters)).ToList();
        var stageOrder = StageOrder(pipelines.Values);
        var stays = await StaysAsync(connection, HistoriesSql(byFrom, byTo, byJob, byDepartment), parameters);
        var rejections = (await connection.QueryAsync<(string Channel, string? Stage, string? Reason, long Rejections)>(
            RejectionsSql(byFrom, byTo, byJob, byDepartment), parameters)).ToLookup(row => row.Channel);

        var channels = channelGroups.GroupBy(group => group.Channel)
            .Select(channel =>
            {
                var funnel = Build(channel, hires.Where(hire => hire.Channel == channel.Key), pipelines, stageOrder);
                return new ChannelFunnel(
                    Wire<Channel>.Parse(channel.Key), funnel.Applications, funnel.Stages, funnel.Hires, funnel.MedianDaysToHire,
                    TimeInStage(stays.GetValueOrDefault(channel.Key), stageOrder),
                    [.. rejections[channel.Key]
                        .OrderBy(row => row.Stage is { } stage && stageOrder.IndexOf(stage) is var at and >= 0 ? at : int.MaxValue).ThenBy(row => row.Reason, StringComparer.Ordinal)
                        .Select(row => new RejectionCount(row.Stage, row.Reason, row.Rejections))]);
            })
            .OrderByDescending(funnel => funnel.Applications).ThenBy(funnel => funnel.Channel)
            .ToList();
        var links = linkGroups.GroupBy(group => (group.SharedBy, group.Campaign))
            .Select(link =>
            {
                var linkHires = hires.Where(hire => hire.TrackingToken is not null && hire.SharedBy == link.Key.SharedBy && hire.Campaign == link.Key.Campaign);
                var funnel = Build(link, linkHires, pipelines, stageOrder);
                return new LinkFunnel(link.Key.SharedBy, link.Key.Campaign, funnel.Applications, funnel.Stages, funnel.Hires, funnel.MedianDaysToHire);
            })
            .OrderByDescending(funnel => funnel.Applications).ThenBy(funnel => funnel.SharedBy, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new Response(from, to, channels, links));
    }

    /// <summary>Per channel and stage, a histogram of the hours each ended stay lasted: memory grows with stages and hours, not applications.</summary>
    private static async Task<Dictionary<string, Dictionary<string, Dictionary<int, long>>>> StaysAsync(
        System.Data.Common.DbConnection connection, string sql, object parameters)
    {
        var stays = new Dictionary<string, Dictionary<string, Dictionary<int, long>>>(StringComparer.Ordinal);
        await foreach (var row in connection.QueryUnbufferedAsync<(string Channel, string StageHistory)>(sql, parameters))
        {
            var byStage = stays.TryGetValue(row.Channel, out var found) ? found : stays[row.Channel] = new(StringComparer.Ordinal);
            foreach (var span in Applications.StageHistory.Spans(Applications.StageHistory.Read(row.StageHistory)).Where(span => span.LeftAt is not null))
            {
                var hours = (int)Math.Round((span.LeftAt!.Value - span.EnteredAt).TotalHours);
                var histogram = byStage.TryGetValue(span.Stage, out var counts) ? counts : byStage[span.Stage] = [];
                histogram[hours] = histogram.GetValueOrDefault(hours) + 1;
            }
        }

        return stays;
    }

    private static List<StageTime> TimeInStage(Dictionary<string, Dictionary<int, long>>? byStage, List<string> stageOrder) =>
        byStage is null ? [] : byStage
            .OrderBy(stage => stageOrder.IndexOf(stage.Key) is var at and >= 0 ? at : int.MaxValue).ThenBy(stage => stage.Key, StringComparer.Ordinal)
            .Select(stage => new StageTime(
                stage.Key, stage.Value.Values.Sum(), Tallies.Median(stage.Value.Select(bucket => (bucket.Key, bucket.Value))) is { } hours ? Math.Round(hours / 24, 2) : null))
            .ToList();

    /// <summary>The default pipeline's stages first, then any custom stage in the order jobs list it.</summary>
    private static List<string> StageOrder(IEnumerable<List<string>> pipelines)
    {
        var order = Job.DefaultPipeline.Select(stage => stage.Key).ToList();
        foreach (var key in pipelines.SelectMany(pipeline => pipeline).Where(key => !order.Contains(key)))
        {
            order.Insert(order.Count - 1, key);
        }

        return order;
    }

    private static Funnel Build(IEnumerable<Group> groups, IEnumerable<Hire> hires, Dictionary<Guid, List<string>> pipelines, List<string> stageOrder)
    {
        var reached = new Dictionary<string, long>(StringComparer.Ordinal);
        long applications = 0;
        foreach (var group in groups)
        {
            applications += group.Applications;
            var pipeline = pipelines.GetValueOrDefault(group.JobId) ?? [];
            for (var index = 0; index <= group.FurthestIndex && index < pipeline.Count; index++)
            {
                reached[pipeline[index]] = reached.GetValueOrDefault(pipeline[index]) + group.Applications;
            }
        }

        var stages = new List<StageCount>();
        long? previous = null;
        foreach (var stage in stageOrder.Where(reached.ContainsKey))
        {
            var count = reached[stage];
            stages.Add(new StageCount(stage, count, previous is > 0 ? Math.Round((double)count / previous.Value, 4) : null));
            previous = count;
        }

        var days = hires.Select(hire => (hire.HiredAt - hire.CreatedAt).TotalDays).Order().ToList();
        return new Funnel(applications, stages, days.Count, Reporting.Median(days));
    }
}
