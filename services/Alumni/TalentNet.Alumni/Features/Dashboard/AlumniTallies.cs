using Dapper;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Dashboard;

/// <summary>What the dashboard counts about leavers, hires and referrals (the metric column of dashboard_tallies).</summary>
public enum AlumniMetric
{
    /// <summary>Leavers by the month of their last day; label: the recommendation outcome; value: 1 once they came back.</summary>
    Left,

    /// <summary>Hires by month and the hiring department; value: 1 for a boomerang.</summary>
    Hired,

    /// <summary>Boomerangs by the month they were hired again; value: months away.</summary>
    Returned,

    /// <summary>Alumni referrals by the month they were made and the alumnus's department; value: 1 once hired.</summary>
    Referred,
}

/// <summary>
/// Keeps the alumni counts current inside the write (or the consumer's inbox transaction) that
/// changes them, so the dashboard never scans alumni, departures or referrals.
/// </summary>
internal static class AlumniTallies
{
    internal const string LeaverSql =
        """
        SELECT last_day AS LastDay, department AS Department, recommendation_status AS RecommendationStatus,
               CASE WHEN returned_on IS NULL THEN 0 ELSE 1 END AS Returned
        FROM alumni WHERE id = @Id AND status <> @Rescinded
        """;

    internal const string ReferralsBeingHiredSql =
        """
        SELECT r.created_at AS CreatedAt, a.department AS Department FROM referrals r JOIN alumni a ON a.id = r.alumnus_id
        WHERE (r.application_id = @ApplicationId OR (r.alumnus_id = @AlumnusId AND r.candidate_email = @Email)) AND r.status <> @Hired
        """;

    /// <summary>What a leaver's count is keyed by; it moves when any of it changes.</summary>
    internal sealed class Leaver
    {
        public DateOnly LastDay { get; init; }
        public string Department { get; init; } = "";
        public string RecommendationStatus { get; init; } = "";
        public int Returned { get; init; }

        public TallyKey Key => new(nameof(AlumniMetric.Left), Tallies.MonthOf(LastDay), Department, Label: RecommendationStatus, Value: Returned);
    }

    private sealed class ReferralBeingHired
    {
        public DateTimeOffset CreatedAt { get; init; }
        public string Department { get; init; } = "";
    }

    public static Task<Leaver?> LeaverAsync(DbSession session, Guid alumnusId) =>
        session.Connection.QuerySingleOrDefaultAsync<Leaver>(LeaverSql, new { Id = alumnusId, Rescinded = AlumnusStatus.Rescinded.ToWire() }, session.Transaction);

    /// <summary>
    /// Runs a change to an alumnus and moves their count from the state before to the state after
    /// (a rescinded alumnus has none).
    /// A <paramref name="departure"/> of someone who had come back is a new leaver: the earlier
    /// departure keeps its count.
    /// </summary>
    public static async Task TrackAsync(DbSession session, Guid alumnusId, Func<Task> change, bool departure = false)
    {
        var before = await LeaverAsync(session, alumnusId);
        if (departure && before is { Returned: 1 })
        {
            before = null;
        }

        await change();
        var after = await LeaverAsync(session, alumnusId);
        if (before is not null && after is not null)
        {
            await Tallies.MoveAsync(session, before.Key, after.Key);
        }
        else if (after is not null)
        {
            await Tallies.AddAsync(session, after.Key);
        }
        else if (before is not null)
        {
            await Tallies.AddAsync(session, before.Key, -1);
        }
    }

    /// <summary>A withdrawn departure stops counting; the one before it (counted when it was recorded) is left as it is.</summary>
    public static async Task WithdrawAsync(DbSession session, Guid alumnusId)
    {
        if (await LeaverAsync(session, alumnusId) is { } leaver)
        {
            await Tallies.AddAsync(session, leaver.Key, -1);
        }
    }

    public static Task HiredAsync(DbSession session, DateOnly hiredOn, string department, bool boomerang, int? monthsAway)
    {
        var month = Tallies.MonthOf(hiredOn);
        List<(TallyKey, long)> changes = [(new TallyKey(nameof(AlumniMetric.Hired), month, department, Value: boomerang ? 1 : 0), 1)];
        if (monthsAway is { } months)
        {
            changes.Add((new TallyKey(nameof(AlumniMetric.Returned), month, department, Value: months), 1));
        }

        return Tallies.AddAsync(session, changes);
    }

    public static Task ReferredAsync(DbSession session, DateTimeOffset createdAt, string department) =>
        Tallies.AddAsync(session, Referral(createdAt, department, hired: false));

    /// <summary>Call before the referrals are marked hired: each one's count moves to hired.</summary>
    public static async Task ReferralsHiredAsync(DbSession session, Guid applicationId, Guid alumnusId, string email)
    {
        var referrals = await session.Connection.QueryAsync<ReferralBeingHired>(ReferralsBeingHiredSql, new
        {
            ApplicationId = applicationId, AlumnusId = alumnusId, Email = email, Hired = ReferralStatus.Hired.ToWire(),
        }, session.Transaction);
        await Tallies.AddAsync(session, referrals.SelectMany(referral => new[]
        {
            (Referral(referral.CreatedAt, referral.Department, hired: false), -1L),
            (Referral(referral.CreatedAt, referral.Department, hired: true), 1L),
        }));
    }

    private static TallyKey Referral(DateTimeOffset createdAt, string department, bool hired) =>
        new(nameof(AlumniMetric.Referred), Tallies.MonthOf(createdAt), department, Value: hired ? 1 : 0);
}
