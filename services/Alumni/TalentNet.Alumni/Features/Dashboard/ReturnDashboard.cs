using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Dashboard;

/// <summary>
/// GET /api/dashboard?from=YYYY-MM&amp;to=YYYY-MM&amp;department=: the "do they come back?" section of the
/// HR dashboard, read from the counts kept with every write (never from the alumni themselves).
/// </summary>
public static class ReturnDashboard
{
    public sealed record MonthReturn(string Month, long Leavers, long Returned, double? Share);

    /// <summary>Leavers of a quarter with one recommendation outcome (none: never asked), and how many came back.</summary>
    public sealed record OutcomeReturn(string Quarter, RecommendationStatus Outcome, long Leavers, long Returned, double? Share);

    public sealed record Response(
        string From, string To, string? Department, IReadOnlyList<string> Departments,
        long Leavers, Rate BoomerangRate, IReadOnlyList<MonthReturn> BoomerangTrend, Rate BoomerangShareOfHires, double? MedianMonthsAway,
        IReadOnlyList<OutcomeReturn> ReturnByRecommendation, Rate ReferralConversion);

    private static readonly string[] Monthly = [nameof(AlumniMetric.Left)];
    private static readonly string[] Summed = [nameof(AlumniMetric.Hired), nameof(AlumniMetric.Returned), nameof(AlumniMetric.Referred)];

    public static void Map(RouteGroupBuilder dashboard) =>
        dashboard.MapGet("/", Handle)
            .WithName("ReturnDashboard")
            .WithSummary("Do leavers come back?")
            .WithDescription("Months are YYYY-MM, inclusive (default: the last 12), at most 36. Leavers by their last day; boomerang rate = leavers of the window who came back / leavers of the window (trend: per month of leaving); share of hires = boomerang hires / all hires in the window; months away: median over returns in the window; return by recommendation: leavers per quarter of leaving and outcome (none = never asked); referral conversion = alumni referrals made in the window that led to a hire / all made in it.")
            .RequireRoles(AlumniApi.DashboardReaders)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [MaxLength(Lengths.Month)] string? from, [MaxLength(Lengths.Month)] string? to, [MaxLength(Lengths.Department)] string? department, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (DashboardFilter.Parse(from, to, department, clock.GetUtcNow(), validation) is not { } filter)
        {
            return validation.ToProblem();
        }

        (var window, department) = filter;
        await using var connection = await database.OpenAsync(cancellationToken);
        var left = await Tallies.ReadAsync(connection, window.From, window.To, department, Monthly, byMonth: true);
        var summed = await Tallies.ReadAsync(connection, window.From, window.To, department, Summed, byMonth: false);
        var departments = await Tallies.DepartmentsAsync(connection);

        var trend = window.Months
            .Select(month =>
            {
                var rate = CameBack(left.Where(row => row.Month == month));
                return new MonthReturn(month, rate.Of, rate.Count, rate.Share);
            })
            .ToList();
        var byOutcome = left
            .GroupBy(row => (Quarter: QuarterOf(row.Month), Outcome: Wire<RecommendationStatus>.Parse(row.Label)))
            .OrderBy(group => group.Key.Quarter, StringComparer.Ordinal).ThenBy(group => group.Key.Outcome)
            .Select(group =>
            {
                var rate = CameBack(group);
                return new OutcomeReturn(group.Key.Quarter, group.Key.Outcome, rate.Of, rate.Count, rate.Share);
            })
            .ToList();
        var hires = summed.Where(row => row.Metric == nameof(AlumniMetric.Hired)).ToList();
        var referrals = summed.Where(row => row.Metric == nameof(AlumniMetric.Referred)).ToList();
        var leavers = trend.Sum(month => month.Leavers);
        return TypedResults.Ok(new Response(
            window.From, window.To, department, departments, leavers,
            Rate.From(trend.Sum(month => month.Returned), leavers), trend,
            Rate.From(hires.Where(row => row.Value == 1).Sum(row => row.Total), hires.Sum(row => row.Total)),
            Tallies.Median(summed.Where(row => row.Metric == nameof(AlumniMetric.Returned)).Select(row => (row.Value, row.Total))),
            byOutcome,
            Rate.From(referrals.Where(row => row.Value == 1).Sum(row => row.Total), referrals.Sum(row => row.Total))));
    }

    /// <summary>Of the leavers counted in these rows, how many came back (value 1).</summary>
    private static Rate CameBack(IEnumerable<TallyRow> rows)
    {
        var leavers = rows.ToList();
        return Rate.From(leavers.Where(row => row.Value == 1).Sum(row => row.Total), leavers.Sum(row => row.Total));
    }

    /// <summary>2026-05 → 2026-Q2.</summary>
    internal static string QuarterOf(string month)
    {
        var parsed = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{parsed.Year}-Q{((parsed.Month - 1) / 3) + 1}";
    }
}
