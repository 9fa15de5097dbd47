using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Recommendations.Features.Dashboard;

/// <summary>
/// GET /api/dashboard?from=YYYY-MM&amp;to=YYYY-MM&amp;department=: the "do leavers get a recommendation
/// from their former boss?" section of the HR dashboard, read from the counts kept with every
/// request change (never from the requests themselves).
/// </summary>
public static class RecommendationDashboard
{
    /// <summary>Given ÷ consented for one department or one manager.</summary>
    public sealed record ConsentCoverage(string Name, long Given, long Consented, double? Share);

    public sealed record Response(
        string From, string To, string? Department, IReadOnlyList<string> Departments,
        Rate Coverage, IReadOnlyList<ConsentCoverage> ByDepartment, IReadOnlyList<ConsentCoverage> ByManager,
        IReadOnlyDictionary<RecommendationStatus, long> Requests, long Overdue, double? MedianDaysToGive, Rate PublishedShare);

    private static readonly string[] Metrics =
        [nameof(RequestMetric.Consented), nameof(RequestMetric.Request), nameof(RequestMetric.Given), nameof(RequestMetric.DaysToGive), nameof(RequestMetric.Published)];

    public static void Map(RouteGroupBuilder dashboard) =>
        dashboard.MapGet("/", Handle)
            .WithName("RecommendationDashboard")
            .WithSummary("Do leavers get a recommendation from their former manager?")
            .WithDescription("Months are YYYY-MM, inclusive (default: the last 12), at most 36, on the leaver's last day. Coverage = recommendations given / leavers who consented to a request (by department and by manager); requests by status (none is never listed), overdue = still requested after the due date; days to give: median from the last day to the recommendation; published share = published on LinkedIn / given.")
            .RequireRoles(RecommendationsApi.DashboardReaders)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Month)] string? from, [MaxLength(Lengths.Month)] string? to, [MaxLength(Lengths.Department)] string? department, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var validation = new Validation();
        if (DashboardFilter.Parse(from, to, department, now, validation) is not { } filter)
        {
            return validation.ToProblem();
        }

        (var window, department) = filter;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Tallies.ReadAsync(connection, window.From, window.To, department, Metrics, byMonth: false, byDepartment: true);
        var departments = await Tallies.DepartmentsAsync(connection);

        List<TallyRow> Of(RequestMetric metric) => rows.Where(row => row.Metric == metric.ToString()).ToList();
        var consented = Of(RequestMetric.Consented);
        var given = Of(RequestMetric.Given);
        var requests = Of(RequestMetric.Request);
        var today = DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
        var requested = RecommendationStatus.Requested.ToWire();
        var byStatus = Enum.GetValues<RecommendationStatus>().Where(status => status != RecommendationStatus.None)
            .ToDictionary(status => status, status => requests.Where(row => row.Label == status.ToWire()).Sum(row => row.Total));
        var givenCount = given.Sum(row => row.Total);
        return TypedResults.Ok(new Response(
            window.From, window.To, department, departments,
            Rate.From(givenCount, consented.Sum(row => row.Total)),
            CoverageBy(consented, given, row => row.Department),
            CoverageBy(consented, given, row => row.Label),
            byStatus,
            requests.Where(row => row.Label == requested && row.Value < today).Sum(row => row.Total),
            Tallies.Median(Of(RequestMetric.DaysToGive).Select(row => (row.Value, row.Total))),
            Rate.From(Of(RequestMetric.Published).Sum(row => row.Total), givenCount)));
    }

    private static List<ConsentCoverage> CoverageBy(List<TallyRow> consented, List<TallyRow> given, Func<TallyRow, string> name) =>
        consented.Concat(given).Select(name).Distinct()
            .Select(key =>
            {
                var rate = Rate.From(given.Where(row => name(row) == key).Sum(row => row.Total), consented.Where(row => name(row) == key).Sum(row => row.Total));
                return new ConsentCoverage(key, rate.Count, rate.Of, rate.Share);
            })
            .OrderByDescending(coverage => coverage.Consented).ThenBy(coverage => coverage.Name, StringComparer.Ordinal)
            .ToList();
}
