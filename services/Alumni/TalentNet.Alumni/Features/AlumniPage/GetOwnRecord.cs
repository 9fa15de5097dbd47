using System.Data.Common;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentNet.Alumni.Features.Alumni;
using TalentNet.Alumni.Features.Departures;
using TalentNet.Alumni.Features.Referrals;
using TalentNet.Audit;
using TalentNet.Contracts;
using TalentNet.Storage;

namespace TalentNet.Alumni.Features.AlumniPage;

/// <summary>
/// GET /api/alumni-page: everything this service holds about the signed-in alumnus, as they are
/// entitled to see it: the record, the exit interview, HR's rehire note, the consents with who changed
/// them and when, and the people they referred.
/// </summary>
public static class GetOwnRecord
{
    public sealed record ConsentChange(DateTimeOffset ChangedAt, ChangeSource? Source, Consents Consents);

    public sealed record OwnReferral(string CandidateName, string? JobTitle, ReferralStatus Status, DateTimeOffset CreatedAt);

    public sealed record Response(
        AlumnusResponse Alumnus, RecordDeparture.ExitInterview? ExitInterview, IReadOnlyList<ConsentChange> ConsentHistory,
        IReadOnlyList<OwnReferral> Referrals);

    /// <summary>How many consent changes and referrals the page shows, newest first.</summary>
    public const int Shown = 50;

    internal static string ConsentHistorySql(SqlDialect dialect) =>
        $"""
        SELECT occurred_at AS ChangedAt, source AS Source, detail AS Detail FROM timeline
        WHERE alumnus_id = @Id AND kind = @ConsentsChanged ORDER BY id DESC {dialect.Paging}
        """;

    internal static string ReferralsSql(SqlDialect dialect) =>
        $"""
        SELECT r.candidate_name AS CandidateName, j.title AS JobTitle, r.status AS Status, r.created_at AS CreatedAt
        FROM referrals r LEFT JOIN referrable_jobs j ON j.job_id = r.job_id
        WHERE r.alumnus_id = @Id ORDER BY r.created_at DESC, r.id DESC {dialect.Paging}
        """;

    private sealed class HistoryRow
    {
        public DateTimeOffset ChangedAt { get; init; }
        public string? Source { get; init; }
        public string Detail { get; init; } = "";
    }

    private sealed class ReferralRow
    {
        public string CandidateName { get; init; } = "";
        public string? JobTitle { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    public static void Map(RouteGroupBuilder page) =>
        page.MapGet("/", Handle)
            .WithName("GetOwnAlumniRecord")
            .WithSummary("What TalentNet's alumni service holds about the signed-in alumnus")
            .ReadsSensitiveData(_ => true)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Database database, HttpContext http, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, database.Dialect, AlumnusSession.AlumnusId(http)) is { } record
            ? TypedResults.Ok(record)
            : OwnPage.Gone;
    }

    public static async Task<Response?> ReadAsync(DbConnection connection, SqlDialect dialect, Guid id, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        if (await Alumnus.FindAsync(connection, id, transaction) is not { } alumnus)
        {
            return null;
        }

        var parameters = new { Id = id, AlumnusId = id, Skip = 0, Take = Shown, ConsentsChanged = ChangeAlumnus.ConsentsChangedKind };
        var latest = await connection.QueryFirstOrDefaultAsync<Departure.Row>(Departure.OthersSql, new { AlumnusId = id, Id = Guid.Empty }, transaction);
        var history = await connection.QueryAsync<HistoryRow>(ConsentHistorySql(dialect), parameters, transaction);
        var referrals = await connection.QueryAsync<ReferralRow>(ReferralsSql(dialect), parameters, transaction);
        // A hold usually serves a claim or an audit; whether the leaver hears of it is for HR and counsel
        // (the personal-data export HR hands out includes it), so the page leaves it out.
        return new Response(
            alumnus with { LegalHold = null }, latest?.Recorded().ExitInterview,
            history.Select(row => new ConsentChange(row.ChangedAt, row.Source is null ? null : Wire<ChangeSource>.Parse(row.Source), JsonSerializer.Deserialize<Consents>(row.Detail)!)).ToList(),
            referrals.Select(row => new OwnReferral(row.CandidateName, row.JobTitle, Wire<ReferralStatus>.Parse(row.Status), row.CreatedAt)).ToList());
    }
}
