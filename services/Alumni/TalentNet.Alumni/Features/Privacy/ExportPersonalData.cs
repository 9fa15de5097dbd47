using Dapper;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Alumni.Features.Referrals;
using TalentNet.Audit;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.Privacy;

/// <summary>GET /api/privacy/export?email=: everything Alumni holds about the person with this address (subject access).</summary>
public static class ExportPersonalData
{
    public sealed record RecordedDeparture(Guid Id, DateOnly LastDay, DateTimeOffset CreatedAt, DateTimeOffset? RescindedAt, RecordDeparture.Request AsRecorded);

    public sealed record IssuedLink(Guid Id, AlumniLinkPurpose Purpose, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

    public sealed record AlumnusData(
        AlumnusResponse Alumnus, IReadOnlyList<RecordedDeparture> Departures, IReadOnlyList<GetTimeline.Entry> Timeline,
        IReadOnlyList<Referral.Response> ReferralsMade, IReadOnlyList<IssuedLink> Links);

    public sealed record Response(string Service, string Email, IReadOnlyList<AlumnusData> Alumni, IReadOnlyList<Referral.Response> ReferredBySomeone);

    internal static readonly string AlumniSql = $"SELECT {Alumnus.SelectColumns} FROM alumni WHERE personal_email = @Email OR work_email = @Email";

    internal const string DeparturesSql = $"SELECT {Departure.SelectColumns} FROM departures WHERE alumnus_id = @Id ORDER BY last_day";

    internal static readonly string ReferralsMadeSql = $"SELECT {Referral.SelectColumns} FROM referrals WHERE alumnus_id = @Id ORDER BY created_at";

    internal static readonly string ReferredSql = $"SELECT {Referral.SelectColumns} FROM referrals WHERE candidate_email = @Email ORDER BY created_at";

    internal const string LinksSql =
        "SELECT id AS Id, purpose AS Purpose, issued_at AS IssuedAt, expires_at AS ExpiresAt, used_at AS UsedAt FROM alumni_links WHERE alumnus_id = @Id ORDER BY issued_at";

    private sealed class LinkRow
    {
        public Guid Id { get; init; }
        public string Purpose { get; init; } = "";
        public DateTimeOffset IssuedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
        public DateTimeOffset? UsedAt { get; init; }
    }

    public static void Map(RouteGroupBuilder privacy) =>
        privacy.MapPersonalDataExport(
            "The alumnus records with that personal or work address (with every departure as recorded, the timeline, referrals made and links issued), and referrals that named the address.",
            ReadAsync);

    public static async Task<Response> ReadAsync(string address, Database database, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        var alumni = new List<AlumnusData>();
        foreach (var alumnus in (await connection.QueryAsync<AlumnusRow>(AlumniSql, new { Email = address })).Select(row => row.ToResponse()))
        {
            var id = new { alumnus.Id };
            alumni.Add(new AlumnusData(
                alumnus,
                (await connection.QueryAsync<Departure.Row>(DeparturesSql, id)).Select(row => new RecordedDeparture(row.Id, row.LastDay, row.CreatedAt, row.RescindedAt, row.Recorded())).ToList(),
                (await connection.QueryAsync<GetTimeline.TimelineRow>(GetTimeline.AllSql, id)).Select(row => row.ToEntry()).ToList(),
                (await connection.QueryAsync<Referral.Row>(ReferralsMadeSql, id)).Select(row => row.ToResponse()).ToList(),
                (await connection.QueryAsync<LinkRow>(LinksSql, id))
                    .Select(row => new IssuedLink(row.Id, Wire<AlumniLinkPurpose>.Parse(row.Purpose), row.IssuedAt, row.ExpiresAt, row.UsedAt)).ToList()));
        }

        var referred = (await connection.QueryAsync<Referral.Row>(ReferredSql, new { Email = address })).Select(row => row.ToResponse()).ToList();
        return new Response(AlumniApi.ServiceName, address, alumni, referred);
    }
}
