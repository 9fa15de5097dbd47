using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Contracts;
using TalentNet.ServiceDefaults;
using TalentNet.ServiceDefaults.Auth;
using TalentNet.ServiceDefaults.Problems;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Stats;

/// <summary>
/// GET /api/stats?from=&amp;to=: do leavers stay connected, do they come back, do they send us
/// people? The window (dates, inclusive) selects leavers by last day, hires and returns by date,
/// referrals by when they were made.
/// </summary>
public static class AlumniStats
{
    public sealed record Response(
        DateOnly? From,
        DateOnly? To,
        IReadOnlyDictionary<AlumnusStatus, long> AlumniByStatus,
        IReadOnlyDictionary<DepartureReason, long> DeparturesByReason,
        IReadOnlyDictionary<RehireEligibility, long> EligibilityMix,
        Rate BoomerangRate,
        Rate BoomerangShareOfHires,
        double? MedianMonthsAway,
        long AlumniReferrals,
        Rate ReferralToHire,
        Rate ReturnRateWithRecommendation,
        Rate ReturnRateWithoutRecommendation);

    private sealed class Leaver
    {
        public string Status { get; init; } = "";
        public string RehireEligibility { get; init; } = "";
        public string RecommendationStatus { get; init; } = "";
        public DateOnly LastDay { get; init; }
        public DateOnly? ReturnedOn { get; init; }
        public int? MonthsAway { get; init; }
    }

    internal const string StatusSql = "SELECT status AS Status, COUNT(*) AS Count FROM alumni GROUP BY status";

    internal static string LeaversSql(bool from, bool to) =>
        $"""
        SELECT status AS Status, rehire_eligibility AS RehireEligibility, recommendation_status AS RecommendationStatus,
               last_day AS LastDay, returned_on AS ReturnedOn, months_away AS MonthsAway
        FROM alumni WHERE status <> @Rescinded AND {SqlFilter.Where((from, "last_day >= @From"), (to, "last_day <= @To"))}
        """;

    internal static string DeparturesSql(bool from, bool to) =>
        $"SELECT reason AS Reason, COUNT(*) AS Count FROM departures WHERE rescinded_at IS NULL AND {SqlFilter.Where((from, "last_day >= @From"), (to, "last_day <= @To"))} GROUP BY reason";

    internal static string ReturnsSql(bool from, bool to) =>
        $"SELECT months_away FROM alumni WHERE returned_on IS NOT NULL AND {SqlFilter.Where((from, "returned_on >= @From"), (to, "returned_on <= @To"))}";

    internal static string HiresSql(bool from, bool to) =>
        $"""
        SELECT COUNT(*) AS Total, COALESCE(SUM(CASE WHEN alumnus_id IS NULL THEN 0 ELSE 1 END), 0) AS Boomerangs
        FROM hires WHERE {SqlFilter.Where((from, "hired_on >= @From"), (to, "hired_on <= @To"))}
        """;

    internal static string ReferralsSql(bool from, bool to) =>
        $"""
        SELECT COUNT(*) AS Total, COALESCE(SUM(CASE WHEN status = @Hired THEN 1 ELSE 0 END), 0) AS Hired
        FROM referrals WHERE {SqlFilter.Where((from, "created_at >= @FromInstant"), (to, "created_at < @ToInstant"))}
        """;

    private sealed class Counted
    {
        public string Status { get; init; } = "";
        public string Reason { get; init; } = "";
        public long Count { get; init; }
    }

    private sealed class Totals
    {
        public long Total { get; init; }
        public long Boomerangs { get; init; }
        public long Hired { get; init; }
    }

    public static void Map(RouteGroupBuilder stats) =>
        stats.MapGet("/", Handle)
            .WithName("AlumniStats")
            .WithSummary("Alumni network statistics: departures, eligibility, boomerang rate, referrals, return rate by recommendation")
            .RequireRoles(AlumniApi.Readers)
            .ProducesValidationProblem();

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(DateOnly? from, DateOnly? to, Database database, CancellationToken cancellationToken)
    {
        var validation = new Validation().Check(from is null || to is null || from <= to, "to", "Must not be before from.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var (f, t) = (from is not null, to is not null);
        var (fromInstant, toInstant) = Reporting.Instants(from, to);
        var parameters = new { From = from, To = to, FromInstant = fromInstant, ToInstant = toInstant, Hired = ReferralStatus.Hired.ToWire(), Rescinded = AlumnusStatus.Rescinded.ToWire() };
        await using var connection = await database.OpenAsync(cancellationToken);
        var byStatus = Complete((await connection.QueryAsync<Counted>(StatusSql)).ToDictionary(row => Wire<AlumnusStatus>.Parse(row.Status), row => row.Count));
        var leavers = (await connection.QueryAsync<Leaver>(LeaversSql(f, t), parameters)).ToList();
        var byReason = (await connection.QueryAsync<Counted>(DeparturesSql(f, t), parameters)).ToDictionary(row => Wire<DepartureReason>.Parse(row.Reason), row => row.Count);
        byReason = Complete(byReason);
        var months = (await connection.QueryAsync<int>(ReturnsSql(f, t), parameters)).Select(month => (double)month).Order().ToList();
        var hires = await connection.QuerySingleAsync<Totals>(HiresSql(f, t), parameters);
        var referrals = await connection.QuerySingleAsync<Totals>(ReferralsSql(f, t), parameters);

        var given = RecommendationStatus.Given.ToWire();
        var withRecommendation = leavers.Where(leaver => leaver.RecommendationStatus == given).ToList();
        var withoutRecommendation = leavers.Where(leaver => leaver.RecommendationStatus != given).ToList();
        return TypedResults.Ok(new Response(
            from, to, byStatus, byReason,
            Complete(leavers.GroupBy(leaver => Wire<RehireEligibility>.Parse(leaver.RehireEligibility)).ToDictionary(group => group.Key, group => (long)group.Count())),
            Rate.From(leavers.Count(leaver => leaver.ReturnedOn is not null), leavers.Count),
            Rate.From(hires.Boomerangs, hires.Total),
            Reporting.Median(months),
            referrals.Total,
            Rate.From(referrals.Hired, referrals.Total),
            Rate.From(withRecommendation.Count(leaver => leaver.ReturnedOn is not null), withRecommendation.Count),
            Rate.From(withoutRecommendation.Count(leaver => leaver.ReturnedOn is not null), withoutRecommendation.Count)));
    }

    /// <summary>Every value of the vocabulary, zero where nothing was counted: a period without data still says so.</summary>
    private static Dictionary<T, long> Complete<T>(Dictionary<T, long> counted)
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(value => value, value => counted.GetValueOrDefault(value));
}
