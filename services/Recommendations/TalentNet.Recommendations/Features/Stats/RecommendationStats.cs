using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.Recommendations.Features.Requests;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Stats;

/// <summary>
/// GET /api/stats?from=&amp;to=: do leavers get a recommendation from their former boss? Requests
/// are selected by the date they were made (inclusive window).
/// </summary>
public static class RecommendationStats
{
    public sealed record Coverage(string Key, long Requested, long Given, double? Share);

    public sealed record Response(
        DateOnly? From, DateOnly? To, Coverage Overall, IReadOnlyList<Coverage> ByDepartment, IReadOnlyList<Coverage> ByManager,
        double? MedianDaysToGive, double? PublishedShare, IReadOnlyDictionary<string, long>? DeclineReasons, long Overdue);

    private sealed class Row
    {
        public string Department { get; init; } = "";
        public string ManagerEmail { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public DateTimeOffset RequestedAt { get; init; }
        public DateTimeOffset? GivenAt { get; init; }
        public string? PublishedUrl { get; init; }
        public string? DeclineReason { get; init; }

        public RecommendationStatus Outcome => Wire<RecommendationStatus>.Parse(Status);
    }

    internal static string RequestsSql(bool from, bool to) =>
        $"""
        SELECT department AS Department, manager_email AS ManagerEmail, status AS Status, due_on AS DueOn, requested_at AS RequestedAt,
               given_at AS GivenAt, published_url AS PublishedUrl, decline_reason AS DeclineReason
        FROM recommendation_requests WHERE status <> @Cancelled AND {SqlFilter.Where((from, "requested_at >= @From"), (to, "requested_at < @To"))}
        """;

    public static void Map(RouteGroupBuilder stats) =>
        stats.MapGet("/", Handle)
            .WithName("RecommendationStats")
            .WithSummary("Recommendation coverage (given ÷ requested) overall, by department and by manager; days to give; published share; decline reasons; overdue")
            .WithDescription("declineReasons (the managers' own words) for hr and admin only; null for recruiters.")
            .RequireRoles(RecommendationsApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        DateOnly? from, DateOnly? to, Database database, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Check(from is null || to is null || from <= to, "to", "Must not be before from.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var (fromInstant, toInstant) = Reporting.Instants(from, to);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(RequestsSql(from is not null, to is not null), new { From = fromInstant, To = toInstant, Cancelled = RecommendationStatus.Cancelled.ToWire() })).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var given = rows.Where(row => row.Outcome == RecommendationStatus.Given).ToList();
        var days = given.Where(row => row.GivenAt is not null).Select(row => (row.GivenAt!.Value - row.RequestedAt).TotalDays).Order().ToList();
        return TypedResults.Ok(new Response(
            from, to,
            CoverageOf("all", rows),
            rows.GroupBy(row => row.Department).Select(group => CoverageOf(group.Key, group.ToList())).OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            rows.GroupBy(row => row.ManagerEmail).Select(group => CoverageOf(group.Key, group.ToList())).OrderBy(c => c.Key, StringComparer.Ordinal).ToList(),
            Reporting.Median(days),
            given.Count == 0 ? null : Math.Round((double)given.Count(row => row.PublishedUrl is not null) / given.Count, 4),
            http.SeesPersonnelDetails()
                ? rows.Where(row => row.Outcome == RecommendationStatus.Declined).GroupBy(row => row.DeclineReason ?? "").ToDictionary(group => group.Key, group => (long)group.Count())
                : null,
            rows.Count(row => row.Outcome == RecommendationStatus.Requested && row.DueOn < today)));
    }

    private static Coverage CoverageOf(string key, IReadOnlyCollection<Row> rows)
    {
        var given = rows.Count(row => row.Outcome == RecommendationStatus.Given);
        return new Coverage(key, rows.Count, given, rows.Count == 0 ? null : Math.Round((double)given / rows.Count, 4));
    }
}
